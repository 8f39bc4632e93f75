// CIs stale for longer than the retirement period become RETIRED (kept, with history; out of impact by default).
// revisedAt: the status changed (as-of queries read the status before it from the history entry).
MATCH (c:CI {status: 'STALE'})
WHERE c.staleSince < $before
WITH c LIMIT $limit
SET c.status = 'RETIRED', c.retiredAt = $now, c.revisedAt = $now
CREATE (:Change {id: randomUUID(), ciId: c.id, at: $now, kind: 'STATUS', field: 'status',
                 oldValue: '"STALE"', newValue: '"RETIRED"', detail: 'no source has asserted it since ' + toString(c.staleSince)})
RETURN count(c) AS retired, collect([c.id, c.class, c.name, c.staleSince]) AS cis
