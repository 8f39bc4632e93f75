// The firing alert of a fingerprint (a monitor that sends no start time re-sends the same alert).
MATCH (a:Alert {fingerprint: $fingerprint})
WHERE a.status = 'FIRING'
RETURN a.startsAt AS startsAt
ORDER BY a.startsAt DESC
LIMIT 1
