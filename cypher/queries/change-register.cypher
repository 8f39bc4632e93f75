MERGE (c:RegisteredChange {ticketId: $ticketId})
SET c.id = coalesce(c.id, randomUUID()), c.ciIds = $ciIds, c.start = $start, c.end = $end, c.summary = $summary,
    c.impactedIds = $impactedIds, c.registeredAt = $now
RETURN c {.*} AS change
