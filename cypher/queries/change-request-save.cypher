MERGE (c:ChangeRequest {id: $row.id})
SET c += $row
