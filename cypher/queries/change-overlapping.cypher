// Registered changes whose window overlaps [$start, $end).
MATCH (c:RegisteredChange)
WHERE c.start < $end AND c.end > $start
RETURN c {.*} AS change
ORDER BY c.start
