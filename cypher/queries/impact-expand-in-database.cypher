// The whole impact BFS in the database, one round trip (the fedcmdb.expand procedure; see ImpactProcedure). $asOf:
// epoch milliseconds for the graph as it was then, -1 for now.
CALL fedcmdb.expand($ids, $upstream, $types, $withMembers, $includeRetired, $maxDepth, $limit + size($ids), $deadline,
                    'RedundancyGroup', $asOf)
YIELD kind, given, from, to, type, depth, className, name, status, criticality, members, minHealthy, truncatedBy
RETURN kind, given, from, to, type, depth, className, name, status, criticality, members, minHealthy, truncatedBy
