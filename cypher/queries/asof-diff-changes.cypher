// History entries of CIs in a scope within ($from, $to]: effective values changed (ATTRIBUTE, IDENTIFIER, STATUS),
// merges and splits; for graphDiff. ciId: the CI the entry was recorded for (a merged CI's own id).
UNWIND $ids AS id
MATCH (h:Change)
WHERE h.ciId = id AND h.at > $from AND h.at <= $to
  AND h.kind IN ['ATTRIBUTE', 'IDENTIFIER', 'STATUS', 'MERGED', 'SPLIT']
RETURN coalesce(h.originalCiId, h.ciId) AS ciId, h.at AS at, h.kind AS kind, h.field AS field, h.oldValue AS oldValue,
       h.newValue AS newValue, h.source AS source, h.snapshotId AS snapshotId
ORDER BY at, ciId, kind, field
LIMIT $limit
