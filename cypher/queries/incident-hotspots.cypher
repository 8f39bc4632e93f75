// Probable causes ranked by incidents opened since $since, with mean time to resolve and the latest incident.
MATCH (i:Incident)
WHERE i.openedAt >= $since AND i.causeId IS NOT NULL
WITH i.causeId AS ciId, count(*) AS incidents,
     avg(CASE WHEN i.resolvedAt IS NULL THEN null ELSE i.resolvedAt - i.openedAt END) AS mttrMs,
     max(i.openedAt) AS lastAt, collect(i.id) AS ids
RETURN ciId, incidents, mttrMs, lastAt, ids
ORDER BY incidents DESC, lastAt DESC
LIMIT $limit
