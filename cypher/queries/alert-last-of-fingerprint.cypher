// The latest earlier alert of a fingerprint that belonged to an incident (a re-fire may reopen it).
MATCH (a:Alert {fingerprint: $fingerprint})
WHERE a.incidentId IS NOT NULL
RETURN a.incidentId AS incidentId
ORDER BY a.startsAt DESC
LIMIT 1
