MATCH (a:Alert {incidentId: $id})
RETURN a {.*} AS alert
ORDER BY a.startsAt, a.key
LIMIT $limit
