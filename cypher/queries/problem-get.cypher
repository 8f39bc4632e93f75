UNWIND $ids AS id
MATCH (p:Problem {id: id})
RETURN p {.*} AS problem
