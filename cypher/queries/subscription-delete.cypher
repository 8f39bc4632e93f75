// d.at IS NOT NULL lets the planner seek the (subscriptionId, at) index: on subscriptionId alone it scans every delivery.
MATCH (s:Subscription {id: $id})
OPTIONAL MATCH (d:Delivery)
  WHERE d.subscriptionId = $id AND d.at IS NOT NULL
DETACH DELETE s, d
RETURN count(DISTINCT s) AS deleted
