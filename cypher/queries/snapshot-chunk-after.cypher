// The queued chunk the worker takes after the one it is applying ($key, still queued until it is done), for parsing
// ahead: the order of snapshot-next-chunk without that one.
MATCH (c:SnapshotChunk {state: 'QUEUED'})
WHERE c.key <> $key
WITH c ORDER BY c.queuedAt, c.seq LIMIT 1
RETURN c.snapshotId AS snapshotId, c.seq AS seq
