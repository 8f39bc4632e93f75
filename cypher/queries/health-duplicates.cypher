// CMDB health, correctness: live CIs sharing a name and an IP address or FQDN that identification kept apart.
MATCH (c:CI)
WHERE c.status <> 'RETIRED' AND c.nameLower IS NOT NULL
UNWIND [t IN coalesce(c.idTokens, []) WHERE t STARTS WITH 'ipAddresses=' OR t STARTS WITH 'fqdn='] AS shared
WITH c.nameLower AS name, shared, collect(c.id) AS ids
WHERE size(ids) > 1
RETURN name, shared, ids
ORDER BY size(ids) DESC, name
