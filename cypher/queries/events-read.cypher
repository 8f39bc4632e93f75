// Batches holding events after the cursor, oldest first (range seek on the last-sequence index).
MATCH (b:EventBatch)
WHERE b.last > $after
RETURN b.first AS first, b.last AS last, b.types AS types, b.payload AS payload
ORDER BY b.last
LIMIT $batches
