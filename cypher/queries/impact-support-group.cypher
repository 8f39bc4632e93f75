// a CI's own support group
MATCH (c:CI {id: $id})
RETURN c.supportGroup AS sg
