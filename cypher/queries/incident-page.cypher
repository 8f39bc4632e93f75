// Incidents newest first, by opening number; null filters do not filter.
MATCH (i:Incident)
WHERE ($status IS NULL OR i.status = $status) AND ($priority IS NULL OR i.priority = $priority)
  AND ($service IS NULL OR $service IN i.serviceIds) AND ($before IS NULL OR i.number < $before)
RETURN i {.*} AS incident
ORDER BY i.number DESC
LIMIT $limit
