// Refs of earlier chunks of the same snapshot: one composite seek on the (snapshotId, ref) index for the whole list.
// Written as "ref IN $refs" rather than UNWIND + equality because the latter was sometimes planned as a seek on
// snapshotId alone with ref filtered, scanning the snapshot's every assertion once per ref (measured in a thread dump
// during a 17.7 s stall on one 10k chunk; this form takes about 0.2 s).
MATCH (a:Assertion)
USING INDEX a:Assertion(snapshotId, ref)
WHERE a.snapshotId = $snapshotId AND a.ref IN $refs AND a.source = $source
RETURN a.ref AS ref, a.ciId AS id
