UNWIND $ids AS id
MATCH (c:CI {id: id})
RETURN c.id AS id, c.class AS class, c.name AS name, c.identifiers AS identifiers
