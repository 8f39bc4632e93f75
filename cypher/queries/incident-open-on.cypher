// Open incidents of the given priorities whose picture holds any of the CIs, with the CIs that matched.
UNWIND $ids AS id
MATCH (l:IncidentCi {ciId: id})
MATCH (i:Incident {id: l.incidentId})
WHERE i.status = 'OPEN' AND i.priority IN $priorities
RETURN i.id AS id, i.priority AS priority, i.title AS title, i.openedAt AS openedAt, collect(DISTINCT id)[0..10] AS ciIds
ORDER BY i.priority, i.openedAt
LIMIT 50
