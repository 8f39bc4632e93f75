// CIs by name, case-insensitive; the caller filters by class and identifiers.
MATCH (c:CI)
WHERE c.nameLower = $name AND c.status <> 'RETIRED'
RETURN c.id AS id, labels(c) AS labels, c.identifiers AS identifiers, c.attributes AS attributes
LIMIT 100
