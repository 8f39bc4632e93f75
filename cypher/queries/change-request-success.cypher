// Completed changes since a time, grouped by requester, model or impacted service.
MATCH (c:ChangeRequest)
WHERE c.status = 'COMPLETED' AND c.completedAt >= $since
UNWIND CASE $by WHEN 'SERVICE' THEN coalesce(c.serviceNames, []) + CASE WHEN size(coalesce(c.serviceNames, [])) = 0 THEN ['(none)'] ELSE [] END
                WHEN 'MODEL' THEN [coalesce(c.model, '(none: CAB)')]
                ELSE [c.requester] END AS key
RETURN key, count(*) AS completed, sum(CASE WHEN c.outcome = 'SUCCESSFUL' THEN 1 ELSE 0 END) AS successful
ORDER BY completed DESC, key
LIMIT 200
