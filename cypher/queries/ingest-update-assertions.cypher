UNWIND $rows AS r
MATCH (a:Assertion {key: r.key})
SET a += r.props
