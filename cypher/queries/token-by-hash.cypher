// an active runtime token by the SHA-256 of its secret
MATCH (t:ApiToken {hash: $h})
WHERE t.revoked IS NULL
RETURN t {.*} AS t
