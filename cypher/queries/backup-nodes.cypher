// Export: every node but schema-migration bookkeeping (labels starting with __) and the servers' own runtime nodes.
MATCH (n)
WHERE NOT any(l IN labels(n) WHERE l STARTS WITH '__' OR l IN $skip)
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props
