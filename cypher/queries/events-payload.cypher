MATCH (b:EventBatch)
WHERE b.last = $last
RETURN b.payload AS payload
