// The edges one source asserts that touch these CIs, each with its ends (the caller keeps those the snapshot did not
// report, by their key type|from|to, and withdraws them with withdraw-edges).
UNWIND $ids AS id
MATCH (c:CI {id: id})-[e]-()
WHERE type(e) IN ['RUNS_ON', 'HOSTED_ON', 'DEPENDS_ON', 'MEMBER_OF'] AND $source IN e.sources
WITH DISTINCT e
RETURN elementId(e) AS eid, type(e) AS type, startNode(e).id AS fromId, endNode(e).id AS toId
