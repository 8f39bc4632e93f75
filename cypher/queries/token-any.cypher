// whether any runtime token is active (none on a first start)
MATCH (t:ApiToken)
WHERE t.revoked IS NULL
RETURN count(t) > 0 AS any
