UNWIND $ids AS id
MATCH (i:Incident {id: id})
RETURN i {.*} AS incident
