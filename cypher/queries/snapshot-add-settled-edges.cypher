// Edges a snapshot posted that waited and were completed later (at its finish, or by another snapshot's data): kept
// so that its withdrawal counts them as reported, per chunk that posted them ($chunks: [{seq, keys}]), on the chunk's
// node, which holds at most its own relationships' keys. One growing list on the Snapshot was rewritten whole on every
// round of settlement (every 10,000 edges: quadratic in a snapshot's waiting edges, 140k at tier M, 1.4M at tier L);
// an entry of no chunk (posted before results were kept per chunk) still goes there.
UNWIND $chunks AS r
OPTIONAL MATCH (c:SnapshotChunk {key: $id + '|' + toString(r.seq)})
FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | SET c.settledEdges = coalesce(c.settledEdges, []) + r.keys)
WITH r, c
WHERE c IS NULL
MATCH (s:Snapshot {id: $id})
SET s.settledEdges = coalesce(s.settledEdges, []) + r.keys
