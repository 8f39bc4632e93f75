// History retention: per CI and field, the value changes older than $before become one entry holding the ends of their
// intervals (the value before the first, the value after the last, at the last's time). $ciIds: only these CIs (null:
// all). Runs in an auto-commit transaction, in batches.
MATCH (h:Change)
WHERE h.at < $before AND h.kind IN ['ATTRIBUTE', 'IDENTIFIER', 'STATUS'] AND ($ciIds IS NULL OR h.ciId IN $ciIds)
WITH h
ORDER BY h.at
WITH h.ciId AS ciId, coalesce(h.originalCiId, '') AS original, h.kind AS kind, h.field AS field, collect(h) AS hs
WHERE size(hs) > 1
CALL (hs) {
  WITH hs, hs[size(hs) - 1] AS last
  SET last.oldValue = hs[0].oldValue,
      last.detail = 'compacted: ' + toString(size(hs)) + ' changes from ' + toString(hs[0].at)
  WITH hs
  UNWIND hs[0..size(hs) - 1] AS old
  DELETE old
} IN TRANSACTIONS OF 1000 ROWS
RETURN count(*) AS compacted
