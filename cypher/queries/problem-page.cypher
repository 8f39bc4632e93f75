MATCH (p:Problem)
WHERE $state IS NULL OR p.state = $state
RETURN p {.*} AS problem
ORDER BY p.number DESC
LIMIT $limit
