// The whole impact BFS in the database, one round trip (the fedcmdb.expand procedure; see ImpactProcedure).
CALL fedcmdb.expand($ids, $upstream, $types, $withMembers, $includeRetired, $maxDepth, $limit + size($ids), $deadline,
                    'RedundancyGroup')
YIELD kind, given, from, to, type, depth, className, name, status, criticality, members, minHealthy, truncatedBy
RETURN kind, given, from, to, type, depth, className, name, status, criticality, members, minHealthy, truncatedBy
