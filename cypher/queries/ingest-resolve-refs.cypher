// Refs of earlier chunks of the same snapshot: one composite seek on the (source, ref) index for the whole list, the
// snapshot id filtered (a source's ref names one CI per scope). Written as "ref IN $refs" rather than UNWIND +
// equality because the latter was once planned as a seek on the first key alone with ref filtered, scanning every
// assertion of it once per ref (measured in a thread dump during a 17.7 s stall on one 10k chunk).
MATCH (a:Assertion)
USING INDEX a:Assertion(source, ref)
WHERE a.source = $source AND a.ref IN $refs AND a.snapshotId = $snapshotId
RETURN a.ref AS ref, a.ciId AS id
