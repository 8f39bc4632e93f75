// Incidents a new alert may join: open ones with an alert within the correlation window, and resolved ones within the
// reopen window.
MATCH (i:Incident)
WHERE (i.status = 'OPEN' AND i.lastAlertAt >= $openSince) OR (i.status = 'RESOLVED' AND i.resolvedAt >= $resolvedSince)
RETURN i {.*} AS incident
ORDER BY i.openedAt
LIMIT 200
