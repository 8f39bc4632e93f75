UNWIND $rows AS r
MATCH (c:CI {id: r.ciId})
CREATE (a:Assertion)
SET a = r.props
CREATE (a)-[:ASSERTS]->(c)
