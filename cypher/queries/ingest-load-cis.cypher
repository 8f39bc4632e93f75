// Full working state of CIs about to change: the node and every source's assertion of it.
UNWIND $ids AS id
MATCH (c:CI {id: id})
RETURN c {.*} AS ci, [(c)<-[:ASSERTS]-(a) | a {.*}] AS assertions
