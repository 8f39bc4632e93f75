MATCH (d:Delivery {subscriptionId: $id})
RETURN d {.*} AS delivery
ORDER BY d.at DESC
LIMIT $first
