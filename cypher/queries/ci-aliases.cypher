UNWIND $ids AS id
MATCH (a:CiAlias {survivorId: id})
RETURN id, collect(a.id) AS aliases
