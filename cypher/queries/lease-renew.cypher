MATCH (l:WriterLease {name: $name})
WHERE l.holder = $me
SET l.expiresAt = timestamp() + $ttl
RETURN count(l) AS held
