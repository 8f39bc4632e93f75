UNWIND $keys AS key
MATCH (:CI)<-[:IDENTIFIES]-(k:IdKey {key: key})<-[:AWAITS]-(p:PendingItem)
RETURN DISTINCT p {.*} AS item
