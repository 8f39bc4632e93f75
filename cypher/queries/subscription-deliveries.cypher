// d.at IS NOT NULL lets the planner seek the (subscriptionId, at) index: on subscriptionId alone it scans every delivery.
MATCH (d:Delivery)
WHERE d.subscriptionId = $id AND d.at IS NOT NULL
RETURN d {.*} AS delivery
ORDER BY d.at DESC
LIMIT $first
