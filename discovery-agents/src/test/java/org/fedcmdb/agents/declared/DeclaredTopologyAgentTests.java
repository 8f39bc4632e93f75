package org.fedcmdb.agents.declared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.AgentSettings;
import org.fedcmdb.agents.Fixtures;
import org.fedcmdb.agents.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclaredTopologyAgentTests {

	@TempDir
	Path tmp;

	Snapshot collect(String resource, String name) throws Exception {
		Path file = tmp.resolve(name);
		try (var in = getClass().getResourceAsStream("/declared/" + resource)) {
			Files.write(file, in.readAllBytes());
		}
		return new DeclaredTopologyAgent().collect(new AgentSettings("declared", Map.of("file", file.toString())));
	}

	@Test
	void yamlServicesWithOwnersTiersAndDependencies() throws Exception {
		Snapshot s = collect("topology.yml", "topology.yml");
		var payments = Fixtures.itemsOfClass(s, "BusinessService").get(0);
		assertThat(Fixtures.attrs(payments)).containsEntry("criticality", 1L).containsEntry("owner", "Finance")
			.containsEntry("supportGroup", "payments-oncall");
		// in-file dependency: a ref; others: look-ups completed when their source reports them
		assertThat(s.relationships()).anySatisfy(r -> assertThat(r).containsEntry("from", "d0").containsEntry("to", "d1"));
		assertThat(s.relationships().stream().filter(r -> r.get("to") instanceof Map<?, ?>)).hasSize(2);
	}

	@Test
	void csvRows() throws Exception {
		Snapshot s = collect("topology.csv", "topology.csv");
		assertThat(s.items()).hasSize(2);
		assertThat(s.relationships()).hasSize(2);
		assertThat(Fixtures.attrs(Fixtures.itemsOfClass(s, "BusinessService").get(0))).containsEntry("criticality", 3L);
	}

	@Test
	void brokenFilesAreRefusedWithTheReason() throws Exception {
		Path bad = tmp.resolve("bad.yml");
		Files.writeString(bad, "items: [ {name: x, dependsOn: [");
		assertThatThrownBy(() -> new DeclaredTopologyAgent().collect(new AgentSettings("declared", Map.of("file", bad.toString()))))
			.isInstanceOf(AgentException.class).hasMessageContaining("invalid YAML");
		Path csv = tmp.resolve("bad.csv");
		Files.writeString(csv, "class,name,criticality\nBusinessService,X,high\n");
		assertThatThrownBy(() -> new DeclaredTopologyAgent().collect(new AgentSettings("declared", Map.of("file", csv.toString()))))
			.isInstanceOf(AgentException.class).hasMessageContaining("criticality");
		assertThatThrownBy(() -> new DeclaredTopologyAgent().collect(new AgentSettings("declared", Map.of("file", tmp.resolve("none.yml").toString()))))
			.isInstanceOf(AgentException.class).hasMessageContaining("cannot read");
	}

}
