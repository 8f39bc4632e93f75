// CIs of a class carrying an identifier value ("fqdn=web01.example.com"); {{labels}} comes from the class catalogue.
MATCH (c:{{labels}})
WHERE $token IN c.idTokens
RETURN c.id AS id, labels(c) AS labels, c.status AS status, c.identifiers AS identifiers, c.attributes AS attributes
LIMIT 50
