// Candidates for identification: the CIs each identity key identifies, with what identification needs of them and
// the hash, ref, scope and staleness of this source's live assertion (an unchanged re-send is recognised without
// loading anything else; a withdrawn assertion has none, so a revival takes the full path).
// The assertion is reached from the CI through a pattern comprehension, which is always an expand from the bound CI:
// an OPTIONAL MATCH on the assertion's key was at times planned as a scan joined afterwards (a 32 s stall on one
// 10k chunk, seen in the benchmark's per-step timings). The assertion has no label in the pattern (only assertions
// have ASSERTS relationships): planned while the Assertion label was still empty, at a store's first chunk, the
// labelled form could be a scan of that label filtered on the source, kept in the plan cache while the label grew.
UNWIND $keys AS key
MATCH (k:IdKey {key: key})
USING INDEX k:IdKey(key)
MATCH (k)-[:IDENTIFIES]->(c:CI)
WITH key, c, [(c)<-[:ASSERTS]-(a) WHERE a.source = $source AND a.withdrawnAt IS NULL | a][0] AS a
RETURN key, c.id AS id, c.class AS class, c.firstSeen AS firstSeen, coalesce(c.scope, '-') AS scope,
       c.identifiers AS identifiers, coalesce(c.distinctFrom, []) AS distinctFrom, a.hash AS hash,
       a.ref AS ref, a.scope AS assertedScope, coalesce(a.stale, false) AS stale, c.status AS status
