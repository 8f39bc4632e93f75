// After an attempt: the subscription's new delivery state and the attempt's log entry, in one transaction; only
// while this instance still holds the subscription and no administrator moved it meanwhile (a replay, a resume or an
// update raises its generation: the attempt's outcome no longer applies).
MATCH (s:Subscription {id: $id})
WHERE s.leaseHolder = $me AND coalesce(s.generation, 0) = $generation
SET s += $props
CREATE (d:Delivery)
SET d = $log, d.subscriptionId = $id
RETURN s.id AS id
