// Redundancy groups: how many live members each has, and its minHealthy (default 1: a pool is up while one member is).
UNWIND $ids AS id
MATCH (g:CI {id: id})
OPTIONAL MATCH (g)<-[:MEMBER_OF]-(m:CI)
WHERE m.status <> 'RETIRED'
RETURN id, count(m) AS members, coalesce(g.minHealthy, 1) AS minHealthy
