// Inlined where a query names {{snapshot-fields}}: the properties of Snapshot `s` that StoredSnapshot reads, and no
// other: the settled edges' keys (settledEdges, up to hundreds of thousands of longs at tier M) are read only by
// snapshot-reported-edges, and `s {.*}` made every status poll and every settlement round read and convert them.
s {.id, .source, .scope, .mode, .complete, .force, .collectedAt, .status, .sealed, .chunks, .itemsTotal, .itemsDone,
   .counts, .edgesCreated, .withdrawal, .error, .finalResults}
