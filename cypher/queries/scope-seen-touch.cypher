// Unchanged records a FULL snapshot that confirms nothing for its scope (incomplete, or its withdrawal refused) did
// not write: touched at its finish as an unchanged record's assertion is (ingest-touch-assertions), if it still
// carries the record's ref and is live.
UNWIND $rows AS r
MATCH (a:Assertion {key: r.key})
WHERE a.ref = r.ref AND a.withdrawnAt IS NULL
SET a.seen = CASE WHEN $seen > a.seen THEN $seen ELSE a.seen END, a.snapshotId = $snapshotId, a.stale = false
RETURN count(a) AS touched
