// The first sequence of events that occurred at or after a time (a replay from a time).
MATCH (b:EventBatch)
WHERE b.at >= $at
RETURN min(b.first) AS first
