UNWIND $rows AS r
MATCH (c:CI {id: r.id})
SET c += r.props
