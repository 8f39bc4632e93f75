// Claims an idempotency key for a request: a new (or expired) key is taken; an existing one is returned as it is.
MERGE (k:IdempotencyKey {key: $key})
ON CREATE SET k.hash = $hash, k.state = 'ACCEPTING', k.createdAt = $now, k.claimedBy = $claim
WITH k
CALL (k) {
  WITH k WHERE k.createdAt < $expiredBefore AND k.claimedBy <> $claim
  SET k.hash = $hash, k.state = 'ACCEPTING', k.createdAt = $now, k.claimedBy = $claim, k.response = null
}
RETURN k {.*} AS k
