// Every edge one source asserts, as its ends (the caller keys them type|from|to): loads the source's in-memory set of
// asserted edges whole, so that it can be trusted as complete (AssertedEdges). One scan of the four edge types.
MATCH (a:CI)-[e:RUNS_ON|HOSTED_ON|DEPENDS_ON|MEMBER_OF]->(b:CI)
WHERE $source IN e.sources
RETURN type(e) AS type, a.id AS fromId, b.id AS toId
