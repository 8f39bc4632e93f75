// How many per-entry results each applied chunk holds, so that a status page decodes only the chunks it shows.
MATCH (c:SnapshotChunk {snapshotId: $id})
WHERE c.results IS NOT NULL
RETURN c.seq AS seq, c.resultCount AS count
ORDER BY seq
