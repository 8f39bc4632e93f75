// Approved or running changes overlapping the window whose footprint shares a CI with this one.
MATCH (c:ChangeRequest)
WHERE c.status IN ['APPROVED', 'IMPLEMENTING'] AND c.plannedStart < $end AND c.plannedEnd > $start AND c.id <> $id
WITH c, [x IN c.footprint WHERE x IN $footprint] AS shared
WHERE size(shared) > 0
RETURN c.id AS id, c.title AS title, c.plannedStart AS plannedStart, c.plannedEnd AS plannedEnd, shared[0..5] AS shared
LIMIT 20
