// Ids as given, or through aliases left by merges, to the surviving CI.
UNWIND $ids AS id
OPTIONAL MATCH (c:CI {id: id})
OPTIONAL MATCH (al:CiAlias {id: id})
RETURN id, coalesce(c.id, al.survivorId) AS resolved
