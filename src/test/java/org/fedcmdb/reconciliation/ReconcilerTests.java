package org.fedcmdb.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.CatalogueFiles;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.junit.jupiter.api.Test;

class ReconcilerTests {

	static final ClassCatalogue catalogue = CatalogueFiles.load();

	static final long DAY = Duration.ofDays(1).toMillis();

	static final long NOW = 1_800_000_000_000L;

	final Reconciler reconciler = new Reconciler(RulesFiles.builtIn(catalogue));

	static final List<String> SERVER = List.of("Server", "Host", "CI");

	static SourceView view(String source, long seen, Object... kv) {
		Map<String, Observation> values = new java.util.TreeMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			values.put((String) kv[i], new Observation(kv[i + 1], seen));
		}
		return new SourceView(source, values, seen);
	}

	@Test
	void attributeRuleRanksTheAuthoritativeSourceFirst() {
		Resolved os = reconciler.resolveOne(SERVER, "os",
				List.of(view("nmap-dc1", NOW, "os", "Linux 5.X"), view("host-agent", NOW - 1000, "os", "Debian 12")), NOW);
		assertThat(os.value()).isEqualTo("Debian 12");
		assertThat(os.source()).isEqualTo("host-agent");
		assertThat(os.reason()).isEqualTo("AUTHORITATIVE");
		assertThat(os.rule()).contains("Host.os");
	}

	@Test
	void aStaleAuthoritativeSourceYieldsToTheNext() {
		// host-agent is stale after 2 days
		Resolved os = reconciler.resolveOne(SERVER, "os",
				List.of(view("host-agent", NOW - 3 * DAY, "os", "Debian 11"), view("nmap-dc1", NOW - DAY, "os", "Linux")), NOW);
		assertThat(os.value()).isEqualTo("Linux");
		assertThat(os.source()).isEqualTo("nmap-dc1");
		assertThat(os.candidates()).anySatisfy(c -> {
			assertThat(c.source()).isEqualTo("host-agent");
			assertThat(c.stale()).isTrue();
		});
	}

	@Test
	void whenEverySourceIsStaleTheMostRecentIsKeptAndFlagged() {
		Resolved os = reconciler.resolveOne(SERVER, "os", List.of(view("host-agent", NOW - 5 * DAY, "os", "A"),
				view("nmap-dc1", NOW - 8 * DAY, "os", "B")), NOW);
		assertThat(os.value()).isEqualTo("A");
		assertThat(os.reason()).isEqualTo("FALLBACK_STALE");
	}

	@Test
	void nullNeverOverwritesAValue() {
		Map<String, Resolved> r = reconciler.resolve(SERVER,
				List.of(view("host-agent", NOW, "os", null), view("nmap-dc1", NOW, "os", "Linux")), NOW);
		assertThat(r.get("os").value()).isEqualTo("Linux");
	}

	@Test
	void classRuleAppliesWhenNoAttributeRule() {
		// default rule: declared > ... > nmap*
		Resolved owner = reconciler.resolveOne(SERVER, "owner",
				List.of(view("nmap-x", NOW, "owner", "scan"), view("declared", NOW - DAY, "owner", "Team A")), NOW);
		assertThat(owner.value()).isEqualTo("Team A");
	}

	@Test
	void unlistedSourcesRankByRecency() {
		RulesConfig rules = new RulesConfig(List.of(new SourceDefinition("a", Duration.ofDays(1), true, List.of(), null),
				new SourceDefinition("b", Duration.ofDays(1), true, List.of(), null)), List.of(), Duration.ofDays(30), 0.5,
				catalogue.names());
		Resolved r = new Reconciler(rules).resolveOne(SERVER, "x", List.of(view("a", NOW - 100, "x", 1L),
				view("b", NOW - 10, "x", 2L)), NOW);
		assertThat(r.value()).isEqualTo(2L);
		assertThat(r.reason()).isEqualTo("MOST_RECENT");
	}

	@Test
	void rulesNamingUnknownClassesAreRefused() {
		assertThatThrownBy(() -> new RulesConfig(List.of(), List.of(new AuthorityRule("Nope", null, List.of("a"))),
				Duration.ofDays(1), 0.5, Set.of("Host"))).hasMessageContaining("unknown class Nope");
	}

	@Test
	void insertRightsFollowTheSourceDefinition() {
		RulesConfig rules = RulesFiles.builtIn(catalogue);
		assertThat(rules.mayInsert("servicenow-prod", "Server", catalogue::isA)).isFalse();
		assertThat(rules.mayInsert("nmap-dc1", "Server", catalogue::isA)).isTrue();
		assertThat(rules.mayInsert("nmap-dc1", "BusinessService", catalogue::isA)).isFalse();
		assertThat(rules.mayInsert("unregistered", "Server", catalogue::isA)).isFalse();
	}

}
