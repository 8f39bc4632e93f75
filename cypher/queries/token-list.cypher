// the active runtime tokens
MATCH (t:ApiToken)
WHERE t.revoked IS NULL
RETURN t
ORDER BY t.name
