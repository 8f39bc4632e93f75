// Active subscriptions with events after their cursor whose next attempt is due and that no instance holds.
MATCH (seq:EventSequence {name: 'events'})
MATCH (s:Subscription {status: 'ACTIVE'})
WHERE s.cursor < seq.value AND s.nextAttemptAt <= $now AND (s.leaseUntil < $now OR s.leaseHolder = $me)
RETURN s.id AS id
ORDER BY s.nextAttemptAt
LIMIT $limit
