// whether an active runtime token has this name
MATCH (t:ApiToken {name: $n})
WHERE t.revoked IS NULL
RETURN count(t) > 0 AS taken
