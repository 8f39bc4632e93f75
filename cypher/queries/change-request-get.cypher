MATCH (c:ChangeRequest {id: $id})
RETURN c {.*} AS change
