package org.fedcmdb.api.graphql;

import java.util.List;

import org.fedcmdb.scheduling.AgentInfo;
import org.fedcmdb.scheduling.AgentRun;
import org.fedcmdb.scheduling.AgentScheduling;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Discovery agents' schedules, run history and on-demand runs. */
@Controller
class AgentController {

	private final AgentScheduling scheduling;

	AgentController(AgentScheduling scheduling) {
		this.scheduling = scheduling;
	}

	@QueryMapping
	List<AgentInfo> agents() {
		return scheduling.agents();
	}

	@SchemaMapping(typeName = "AgentInfo")
	List<AgentRun> runs(AgentInfo agent, @Argument Integer first) {
		return scheduling.runs(agent.name(), first == null ? 10 : Math.max(0, Math.min(first, 500)));
	}

	@MutationMapping
	AgentInfo runAgent(@Argument String name) {
		try {
			return scheduling.trigger(name);
		}
		catch (IllegalArgumentException ex) {
			throw AdminController.error("AGENT_NOT_FOUND", ex.getMessage());
		}
	}

}
