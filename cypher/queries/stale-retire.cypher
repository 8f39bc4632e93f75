// CIs stale for longer than the retirement period become RETIRED (kept, with history; out of impact by default).
MATCH (c:CI {status: 'STALE'})
WHERE c.staleSince < $before
WITH c LIMIT $limit
SET c.status = 'RETIRED', c.retiredAt = $now
CREATE (:Change {id: randomUUID(), ciId: c.id, at: $now, kind: 'STATUS', field: 'status',
                 oldValue: '"STALE"', newValue: '"RETIRED"', detail: 'no source has asserted it since ' + toString(c.staleSince)})
RETURN count(c) AS retired, collect([c.id, c.class, c.name, c.staleSince]) AS cis
