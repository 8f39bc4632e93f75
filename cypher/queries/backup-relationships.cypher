// Export: every relationship between exported nodes.
MATCH (a)-[r]->(b)
WHERE NOT any(l IN labels(a) + labels(b) WHERE l STARTS WITH '__' OR l IN $skip)
RETURN type(r) AS type, elementId(a) AS start, elementId(b) AS end, properties(r) AS props
