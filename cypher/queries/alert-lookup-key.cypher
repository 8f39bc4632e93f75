// CIs an identity key identifies: the same index identification uses (fqdn, serial, uid, sysId ... on their own).
MATCH (k:IdKey {key: $key})-[:IDENTIFIES]->(c:CI)
RETURN c.id AS id, labels(c) AS labels, c.status AS status, c.identifiers AS identifiers, c.attributes AS attributes
LIMIT 50
