// Candidates for identification: the CIs each identity key identifies, with what identification needs of them and
// the hash of this source's last assertion (an unchanged re-send is recognised without loading anything else).
UNWIND $keys AS key
MATCH (k:IdKey {key: key})
USING INDEX k:IdKey(key)
MATCH (k)-[:IDENTIFIES]->(c:CI)
OPTIONAL MATCH (a:Assertion {key: c.id + '|' + $source})
RETURN key, c.id AS id, c.class AS class, c.firstSeen AS firstSeen, coalesce(c.scope, '-') AS scope,
       c.identifiers AS identifiers, coalesce(c.distinctFrom, []) AS distinctFrom, a.hash AS hash,
       a.seen AS seen, c.status AS status
