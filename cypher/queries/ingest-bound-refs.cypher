// Records bound to their CI (GraphStore.bound): per ref, the CI the source's live assertion in the snapshot's scope is
// on (liveScope is the scope of a live assertion, absent on a withdrawn one), with that assertion's hash and staleness
// and what the chunk's decisions need of the CI; not its identifiers, since a bound record is not identified again.
// Per ref at most $maxEntries + 1 index entries are read, live or withdrawn; a ref with more (a source that gave it to
// many CIs over time) returns nothing and is identified, as KernelBindings leaves it: reading them all on every report
// would grow with the source's history. A seek of the (source, ref) index per ref (checked by LocalReadsIntegrationTests).
UNWIND $refs AS ref
CALL (ref) {
  MATCH (a:Assertion)
  USING INDEX a:Assertion(source, ref)
  WHERE a.source = $source AND a.ref = ref
  WITH a LIMIT $maxEntries + 1
  WITH collect(a) AS entries
  WHERE size(entries) <= $maxEntries
  UNWIND entries AS a
  WITH a WHERE a.liveScope = $scope
  MATCH (a)-[:ASSERTS]->(c:CI)
  RETURN a, c
}
RETURN a.ref AS ref, c.id AS id, c.class AS class, c.firstSeen AS firstSeen, coalesce(c.scope, '-') AS scope,
       a.hash AS hash, coalesce(a.stale, false) AS stale, c.status AS status
