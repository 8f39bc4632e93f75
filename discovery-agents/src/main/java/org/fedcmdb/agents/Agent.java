package org.fedcmdb.agents;

/**
 * A discovery agent: reads one kind of real source and builds a snapshot. Agents hold no state between runs and
 * depend on neither Spring nor Neo4j, so the same class runs inside the server (scheduled by Quartz) and standalone
 * on another host ({@link AgentMain}).
 */
public interface Agent {

	/** The agent type: host, network, kubernetes, terraform, declared, servicenow. */
	String type();

	/**
	 * The source name a run posts as when none is given: one the shipped rules file registers, so a first run is
	 * accepted (a test checks every agent's default against {@code rules.yml}).
	 */
	default String defaultSource() {
		return type();
	}

	/**
	 * Reads the source. A source that cannot be read throws {@link AgentException}: nothing is posted, so nothing is
	 * withdrawn. A source read only in part returns a snapshot marked {@link Snapshot#incomplete()}.
	 */
	Snapshot collect(AgentSettings settings) throws AgentException;

}
