// revokes an active runtime token (kept, marked revoked)
MATCH (t:ApiToken {name: $n})
WHERE t.revoked IS NULL
SET t.revoked = timestamp()
RETURN count(t) AS c
