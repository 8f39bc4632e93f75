// CIs of a class carrying every given identifier value ("uid=api-1"); {{label}} comes from the class catalogue.
MATCH (c:{{label}})
WHERE all(t IN $tokens WHERE t IN c.idTokens) AND c.status <> 'RETIRED'
RETURN c.id AS id
LIMIT 100
