// Batches holding events after the cursor, oldest first (range seek on the last-sequence index); their payloads are
// fetched separately (events-payload), only for the batches a page needs and not already decoded in memory.
MATCH (b:EventBatch)
WHERE b.last > $after
RETURN b.first AS first, b.last AS last, b.types AS types
ORDER BY b.last
LIMIT $batches
