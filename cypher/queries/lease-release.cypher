MATCH (l:WriterLease {name: $name})
WHERE l.holder = $me
SET l.holder = null, l.expiresAt = null
