MATCH (k:IdempotencyKey {key: $key, claimedBy: $claim})
DELETE k
