// Records bound to their CI (GraphStore.bound): per ref, the CI the source's live assertion in the snapshot's scope is
// on (liveScope is the scope of a live assertion, absent on a withdrawn one), with that assertion's hash and staleness
// and what the chunk's decisions need of the CI; not its identifiers, since a bound record is not identified again.
// "ref IN $refs" on the (source, ref) index, as ingest-resolve-refs (an UNWIND form was once planned as a seek on the
// source alone).
MATCH (a:Assertion)
USING INDEX a:Assertion(source, ref)
WHERE a.source = $source AND a.ref IN $refs AND a.liveScope = $scope
MATCH (a)-[:ASSERTS]->(c:CI)
RETURN a.ref AS ref, c.id AS id, c.class AS class, c.firstSeen AS firstSeen, coalesce(c.scope, '-') AS scope,
       a.hash AS hash, coalesce(a.stale, false) AS stale, c.status AS status
