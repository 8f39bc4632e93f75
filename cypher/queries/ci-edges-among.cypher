// The relationships of the given types among a set of CIs (a blast radius drawn as a graph, not only its BFS tree).
UNWIND $ids AS id
MATCH (a:CI {id: id})-[r]->(b:CI)
WHERE type(r) IN $types AND b.id IN $ids
RETURN a.id AS from, b.id AS to, type(r) AS type
ORDER BY from, type, to
