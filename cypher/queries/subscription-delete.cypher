MATCH (s:Subscription {id: $id})
OPTIONAL MATCH (d:Delivery {subscriptionId: $id})
DETACH DELETE s, d
RETURN count(DISTINCT s) AS deleted
