// Events older than the retention are deleted, a bounded number of batches at a time; a cursor before what was
// deleted gets CURSOR_EXPIRED instead of a silent gap.
MATCH (b:EventBatch)
WHERE b.at < $before
WITH b ORDER BY b.last LIMIT $limit
WITH collect(b) AS gone, max(b.last) AS through
FOREACH (b IN gone | DELETE b)
WITH through, size(gone) AS deleted
MATCH (s:EventSequence {name: 'events'})
SET s.purgedThrough = CASE WHEN through IS NULL OR through < s.purgedThrough THEN s.purgedThrough ELSE through END
RETURN deleted
