package org.fedcmdb.cis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.events.EventOutbox;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.reconciliation.Reconciler;
import org.fedcmdb.reconciliation.RulesConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The staleness sweep judges each assertion by its own source's window, however many others are older. */
class StalenessIntegrationTests extends IntegrationTestSupport {

	@Autowired
	CypherCatalog cypher;

	@Autowired
	GraphStore store;

	@Autowired
	ClassCatalogue catalogue;

	@Autowired
	Reconciler reconciler;

	@Autowired
	RulesConfig rules;

	@Autowired
	WriterLease lease;

	@Autowired
	EdgeWithdrawals edges;

	@Autowired
	EventOutbox outbox;

	/**
	 * {@code declared} keeps its values for ten years, {@code kubernetes-*} for a day. The sweep reads candidates older
	 * than the shortest window, oldest first, a page at a time (two here; judged two hours on, the node reported 23 hours
	 * ago is a day old): pages of older, long-window assertions that
	 * are not stale must not hide the short-window one behind them. (It did: a page with nothing stale in it ended the
	 * sweep, so an estate with more declared CIs than a page never saw its Kubernetes CIs go stale.)
	 */
	@Test
	void aShortWindowAssertionGoesStaleBehindPagesOfOlderLongWindowOnes() {
		String u = unique();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		List<Map<String, Object>> declared = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			declared.add(item("d" + i, "Server", Map.of("serialNumber", "STALE-D" + i + "-" + u), attrs("os", "Rocky 9")));
		}
		JsonNode architects = ingest(snapshot("declared", "DELTA", now.minus(days(30)), declared, List.of()));
		JsonNode pod = ingest(snapshot("kubernetes-" + u, "DELTA", now.minus(java.time.Duration.ofHours(23)),
				List.of(item("n", "KubernetesNode", Map.of("cluster", "c-" + u, "name", "node-1"),
						attrs("kubeletVersion", "v1.31.0"))), List.of()));
		String node = ciId(pod, "n");
		assertThat(ci(node).get("status").asString()).isEqualTo("ACTIVE");

		StalenessService sweep = new StalenessService(driver, cypher, store, catalogue, reconciler, rules, lease,
				edges, outbox, 2);
		StalenessService.Result result = sweep.run(now.plus(java.time.Duration.ofHours(2)).toEpochMilli());

		assertThat(ci(node).get("status").asString()).isEqualTo("STALE");
		assertThat(staleFlag(node, "kubernetes-" + u)).isTrue();
		assertThat(result.staleAssertions()).isGreaterThanOrEqualTo(1);
		for (int i = 0; i < 5; i++) {
			assertThat(ci(ciId(architects, "d" + i)).get("status").asString()).isEqualTo("ACTIVE");
			assertThat(staleFlag(ciId(architects, "d" + i), "declared")).isFalse();
		}
	}

	/**
	 * Stale assertions whose CI does not exist (no recomputation can mark them) are marked stale by the sweep itself:
	 * a page full of them made it read the same page for ever.
	 */
	@Test
	void assertionsWhoseCiIsGoneDoNotKeepTheSweepGoing() {
		String u = unique();
		String source = "kubernetes-orphan-" + u;
		long seen = Instant.now().minus(days(2)).toEpochMilli();
		try (var session = driver.session()) {
			for (int i = 0; i < 3; i++) {
				String ci = "orphan-" + u + "-" + i;
				session.run("CREATE (:Assertion {key: $key, ciId: $ci, source: $source, scope: '-', seen: $seen, "
						+ "stale: false})", Map.of("key", ci + "|" + source, "ci", ci, "source", source, "seen", seen))
					.consume();
			}
		}
		StalenessService sweep = new StalenessService(driver, cypher, store, catalogue, reconciler, rules, lease,
				edges, outbox, 2);
		assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> sweep.run(Instant.now().toEpochMilli()));
		for (int i = 0; i < 3; i++) {
			assertThat(staleFlag("orphan-" + u + "-" + i, source)).isTrue();
		}
	}

	private boolean staleFlag(String ciId, String source) {
		try (var session = driver.session()) {
			return session.run("MATCH (a:Assertion {key: $key}) RETURN a.stale AS stale", Map.of("key", ciId + "|" + source))
				.single().get("stale").asBoolean();
		}
	}

}
