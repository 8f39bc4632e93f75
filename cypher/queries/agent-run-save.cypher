MERGE (r:AgentRun {id: $props.id})
SET r += $props
