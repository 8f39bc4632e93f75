// Records waiting for keys that now identify a CI. Starts from the key index: a plan starting from :CI would scan.
UNWIND $keys AS key
MATCH (k:IdKey {key: key})
USING INDEX k:IdKey(key)
MATCH (k)<-[:AWAITS]-(p:PendingItem)
WHERE EXISTS { (k)-[:IDENTIFIES]->(:CI) }
RETURN DISTINCT p {.*} AS item
