// Grants the writer lease to $me when it is vacant (or expired, or already ours) and no other instance has queued
// for it within $patience ms; otherwise queues $me unless someone else is queued. Server time, so instances with
// skewed clocks agree.
MERGE (l:WriterLease {name: $name})
WITH l, timestamp() AS now
WITH l, now,
     (l.holder IS NULL OR l.holder = $me OR l.expiresAt < now) AS vacant,
     (l.wanted IS NULL OR l.wanted = $me OR l.wantedAt < now - $patience) AS myTurn
WITH l, now, vacant AND myTurn AS granted, myTurn
SET l.holder = CASE WHEN granted THEN $me ELSE l.holder END,
    l.expiresAt = CASE WHEN granted THEN now + $ttl ELSE l.expiresAt END,
    l.wanted = CASE WHEN granted THEN null WHEN myTurn THEN $me ELSE l.wanted END,
    l.wantedAt = CASE WHEN granted THEN null WHEN myTurn THEN now ELSE l.wantedAt END
RETURN granted, l.holder AS holder
