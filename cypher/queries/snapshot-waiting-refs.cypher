// One chunk's edges waiting for a ref of a later chunk (gzipped JSON of their properties).
MATCH (c:SnapshotChunk {key: $key})
RETURN c.waitingRefs AS edges
