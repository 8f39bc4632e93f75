// The CIs a source asserts or asserted (its assertions, withdrawn ones included); for a graphDiff scope.
MATCH (a:Assertion {source: $source})-[:ASSERTS]->(c:CI)
RETURN DISTINCT c.id AS id
ORDER BY id
LIMIT $limit
