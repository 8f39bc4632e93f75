// One chunk's waiting edges are settled (a finish that stops after this goes on with the next chunk's).
MATCH (c:SnapshotChunk {key: $key})
REMOVE c.waitingRefs
