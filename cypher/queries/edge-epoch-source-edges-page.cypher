// One keyset page of the source's asserted edges, by their from-CI: the next $limit CIs after $after in the id
// index's order, each with the edges the source asserts from it (a row with a null type where it asserts none, so
// that the caller learns the page's last id). The caller keys them type|from|to. Pages of one read transaction load a
// source's in-memory set of asserted edges whole (AssertedEdges) without one result of every edge in the store: the
// embedded database hands a result over whole, and 28 million rows of them did not fit a 4 GB heap (tier L).
MATCH (a:CI)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
OPTIONAL MATCH (a)-[e:RUNS_ON|HOSTED_ON|DEPENDS_ON|MEMBER_OF]->(b:CI)
WHERE $source IN e.sources
RETURN a.id AS fromId, type(e) AS type, b.id AS toId
