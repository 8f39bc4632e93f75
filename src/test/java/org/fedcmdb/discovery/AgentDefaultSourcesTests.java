package org.fedcmdb.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.fedcmdb.agents.Agent;
import org.fedcmdb.agents.Agents;
import org.fedcmdb.catalogue.CatalogueFiles;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.reconciliation.RulesConfig;
import org.fedcmdb.reconciliation.RulesFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A first run of any agent with its default source is accepted by the shipped rules file (no UNKNOWN_SOURCE). */
class AgentDefaultSourcesTests {

	static final ClassCatalogue catalogue = CatalogueFiles.load();

	static final RulesConfig rules = RulesFiles.builtIn(catalogue);

	static java.util.Set<String> types() {
		return Agents.types();
	}

	@ParameterizedTest
	@MethodSource("types")
	void everyAgentsDefaultSourceIsRegisteredOutOfTheBox(String type) {
		Agent agent = Agents.byType(type);
		assertThat(rules.find(agent.defaultSource())).as("source %s of agent %s", agent.defaultSource(), type)
			.isNotNull();
	}

	@org.junit.jupiter.api.Test
	void allSixAgentsAreChecked() {
		assertThat(Agents.types()).containsExactlyInAnyOrder("host", "network", "kubernetes", "terraform", "declared",
				"servicenow");
	}

}
