// Approvals and pending requests whose planned window has passed without the change starting.
MATCH (c:ChangeRequest)
WHERE c.status IN ['PENDING', 'APPROVED'] AND c.plannedEnd < $now
RETURN c {.*} AS change
LIMIT 500
