// Start CIs of an impact query, through merge aliases, with what ranking needs.
UNWIND $ids AS id
OPTIONAL MATCH (al:CiAlias {id: id})
WITH id, coalesce(al.survivorId, id) AS rid
MATCH (c:CI {id: rid})
RETURN id AS given, c.id AS id, c.class AS class, c.criticality AS criticality, c.status AS status, c.name AS name
