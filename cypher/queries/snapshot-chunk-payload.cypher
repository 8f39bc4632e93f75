// A queued chunk's stored payload (gzip); no row once it is done (its payload is dropped then).
MATCH (c:SnapshotChunk {key: $key, state: 'QUEUED'})
RETURN c.payload AS payload
