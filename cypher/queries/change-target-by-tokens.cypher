// CIs of a class carrying every given identifier value ("uid=api-1"); {{labels}} comes from the class catalogue.
MATCH (c:{{labels}})
WHERE all(t IN $tokens WHERE t IN c.idTokens) AND c.status <> 'RETIRED'
RETURN c.id AS id
LIMIT 100
