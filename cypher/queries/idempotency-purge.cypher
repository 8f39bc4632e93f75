MATCH (k:IdempotencyKey)
WHERE k.createdAt < $before
WITH k LIMIT 10000
DELETE k
