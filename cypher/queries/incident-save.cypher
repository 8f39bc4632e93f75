UNWIND $rows AS r
MERGE (i:Incident {id: r.id})
SET i += r
