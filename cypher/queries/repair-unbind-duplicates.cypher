// Before a stripped CI's identity keys return (StrippedCiRepair, run ahead of the repair's write): the records bound
// to another CI that already holds one of those keys lose their binding (their live assertions' hash cleared), so
// that their next report is identified again and identification merges the duplicate into the repaired CI, however
// unchanged the record is. Ahead of the write, a crash between the two leaves bindings dropped (a record identified
// once more) and the repair to do again at the next start, never a duplicate bound for good.
UNWIND $keys AS k
MATCH (:IdKey {key: k.key})-[:IDENTIFIES]->(d:CI)
WHERE d.id <> k.ciId
MATCH (a:Assertion)-[:ASSERTS]->(d)
WHERE a.withdrawnAt IS NULL AND a.hash IS NOT NULL
SET a.hash = null
RETURN count(DISTINCT a) AS unbound
