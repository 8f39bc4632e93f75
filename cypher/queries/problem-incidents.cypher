MATCH (i:Incident {problemId: $id})
RETURN i {.*} AS incident
ORDER BY i.number DESC
LIMIT 500
