// Appends a batch of events in the caller's transaction (the transaction that makes the change they describe): the
// sequence counter is taken and moved under the transaction's write lock, so sequences are gap-free per commit and
// strictly increasing in commit order across instances.
MERGE (s:EventSequence {name: 'events'})
  ON CREATE SET s.value = 0, s.purgedThrough = 0
SET s.value = s.value + $count
WITH s
CREATE (b:EventBatch {first: s.value - $count + 1, last: s.value, at: $at, count: $count, types: $types,
                      payload: $payload})
RETURN b.first AS first
