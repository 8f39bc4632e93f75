MATCH (r:AgentRun {agent: $agent})
RETURN r {.*} AS run
ORDER BY r.startedAt DESC
LIMIT $first
