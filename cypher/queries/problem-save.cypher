MERGE (p:Problem {id: $row.id})
SET p += $row
RETURN p {.*} AS problem
