// CIs by name, case-insensitive (the text index on nameLower); the caller filters by class.
MATCH (c:CI)
WHERE c.nameLower = $name
RETURN c.id AS id, labels(c) AS labels, c.status AS status, c.identifiers AS identifiers, c.attributes AS attributes
LIMIT 50
