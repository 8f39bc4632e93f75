// Changes completed in a time range whose footprint shares a CI with the given ones.
MATCH (c:ChangeRequest)
WHERE c.status = 'COMPLETED' AND c.completedAt >= $from AND c.completedAt <= $to
  AND any(x IN c.footprint WHERE x IN $ids)
RETURN c {.*} AS change
ORDER BY c.completedAt DESC
LIMIT 20
