// Incidents opened in a time range whose picture holds any of the CIs (possibly caused by a change on them).
UNWIND $ids AS id
MATCH (l:IncidentCi {ciId: id})
MATCH (i:Incident {id: l.incidentId})
WHERE i.openedAt >= $from AND i.openedAt <= $to
RETURN i.id AS id, i.priority AS priority, i.title AS title, i.openedAt AS openedAt, collect(DISTINCT id)[0..10] AS ciIds
ORDER BY i.openedAt
LIMIT 100
