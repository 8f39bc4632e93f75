// Serialises alert processing across instances: every notification's transaction writes this one node first, so
// correlation never sees a half-made decision of another instance.
MERGE (l:IncidentLock {name: 'alerts'})
SET l.at = $now, l.seq = coalesce(l.seq, 0) + 1
RETURN l.seq AS seq
