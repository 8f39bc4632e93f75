// Events after the cursor that the subscription's filters leave out: the cursor moves past them, nothing is sent.
MATCH (s:Subscription {id: $id})
WHERE s.leaseHolder = $me AND coalesce(s.generation, 0) = $generation AND s.cursor < $cursor
SET s.cursor = $cursor
