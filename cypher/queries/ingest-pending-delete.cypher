UNWIND $pkeys AS pkey
OPTIONAL MATCH (p:PendingItem {pkey: pkey})
OPTIONAL MATCH (e:PendingEdge {pkey: pkey})
DETACH DELETE p, e
