MATCH (a:Alert {mapped: false})
RETURN a {.*} AS alert
ORDER BY a.receivedAt DESC
LIMIT $limit
