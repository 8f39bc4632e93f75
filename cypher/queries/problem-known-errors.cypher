// Known errors attached to any of the CIs.
MATCH (p:Problem)
WHERE p.knownError = true AND p.state <> 'CLOSED' AND any(id IN p.ciIds WHERE id IN $ids)
RETURN p {.*} AS problem
ORDER BY p.number DESC
LIMIT 20
