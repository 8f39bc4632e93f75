// A subscription from configuration (fedcmdb.events.subscriptions): created on first start, its settings and secret
// kept in step with the configuration on every start; its delivery state (cursor, attempts) is left as it is.
OPTIONAL MATCH (seq:EventSequence {name: 'events'})
MERGE (s:Subscription {id: $id})
  ON CREATE SET s.cursor = coalesce(seq.value, 0), s.attempt = 0, s.nextAttemptAt = 0, s.consecutiveFailures = 0,
                s.leaseUntil = 0, s.createdAt = $now, s.status = 'ACTIVE'
SET s += $props, s.generation = coalesce(s.generation, 0) + 1
RETURN s {.*} AS subscription
