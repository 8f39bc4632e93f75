// After a stripped CI's identity keys return (StrippedCiRepair): the records bound to a CI that now shares an identity
// key with it lose their binding (their live assertions' hash cleared), so that their next report is identified
// again and identification merges the duplicate into the repaired CI, however unchanged the record is.
UNWIND $ids AS id
MATCH (c:CI {id: id})<-[:IDENTIFIES]-(:IdKey)-[:IDENTIFIES]->(d:CI)
WHERE d <> c
MATCH (a:Assertion)-[:ASSERTS]->(d)
WHERE a.withdrawnAt IS NULL AND a.hash IS NOT NULL
SET a.hash = null
RETURN count(DISTINCT a) AS unbound
