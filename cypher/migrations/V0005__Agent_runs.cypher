CREATE CONSTRAINT agent_run_id IF NOT EXISTS FOR (r:AgentRun) REQUIRE r.id IS UNIQUE;
CREATE INDEX agent_run_agent IF NOT EXISTS FOR (r:AgentRun) ON (r.agent, r.startedAt);
