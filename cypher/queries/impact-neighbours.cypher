// One breadth-first level in both directions over dependency edges (for inheriting a support group).
UNWIND $frontier AS id
MATCH (c:CI {id: id})-[:RUNS_ON|HOSTED_ON|DEPENDS_ON|MEMBER_OF]-(d:CI)
WHERE d.status <> 'RETIRED'
RETURN DISTINCT d.id AS id, d.supportGroup AS supportGroup
LIMIT 10000
