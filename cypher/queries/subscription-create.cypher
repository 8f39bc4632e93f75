// A new subscription starts at the newest event: it receives what happens from now on (replayEvents goes back).
OPTIONAL MATCH (seq:EventSequence {name: 'events'})
CREATE (s:Subscription)
SET s = $props, s.cursor = coalesce(seq.value, 0), s.attempt = 0, s.nextAttemptAt = 0, s.consecutiveFailures = 0,
    s.leaseUntil = 0
RETURN s {.*} AS subscription
