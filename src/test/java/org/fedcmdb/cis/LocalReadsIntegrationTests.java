package org.fedcmdb.cis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.driver.Session;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-chunk reads answered in process on the embedded database ({@link LocalReads}) against the Cypher statements
 * an external server answers them with: the same rows for live, merged and withdrawn assertions, for a source that
 * asserts nothing, and for refs of the last and of an earlier snapshot.
 */
class LocalReadsIntegrationTests extends IntegrationTestSupport {

	@Autowired
	GraphStore store;

	@Autowired
	DatabaseManagementService dbms;

	@Autowired
	org.fedcmdb.graph.CypherCatalog cypher;

	@Test
	void theInProcessReadsAnswerExactlyAsTheCypherOnes() {
		String u = unique();
		String a = "nmap-lra" + u;
		String b = "nmap-lrb" + u;
		Instant t0 = Instant.now().minusSeconds(600);
		Map<String, Object> first = snapshot(a, "FULL", t0, List.of(
				item("h1", "Server", Map.of("fqdn", "h1-" + u + ".example", "serialNumber", "SN1-" + u), attrs("os", "Debian 12")),
				item("h2", "Server", Map.of("fqdn", "h2-" + u + ".example"), attrs()),
				item("h3", "Server", Map.of("fqdn", "h3-" + u + ".example"), attrs())), List.of());
		first.put("scope", "lab");
		first.put("complete", true);
		ingest(first);
		// the second source reaches h1 by its serial number alone, and a host of its own
		ingest(snapshot(b, "DELTA", t0.plusSeconds(10), List.of(
				item("x", "Server", Map.of("serialNumber", "SN1-" + u), attrs("owner", "ops")),
				item("y", "Server", Map.of("fqdn", "y-" + u + ".example"), attrs())), List.of()));
		// a complete re-send without h3: the first source's assertion of h3 is withdrawn; h1 changes (written under
		// the snapshot's id), h2 does not (left for the finish to confirm, not written)
		Map<String, Object> again = snapshot(a, "FULL", t0.plusSeconds(60), List.of(
				item("h1", "Server", Map.of("fqdn", "h1-" + u + ".example", "serialNumber", "SN1-" + u), attrs("os", "Debian 13")),
				item("h2", "Server", Map.of("fqdn", "h2-" + u + ".example"), attrs())), List.of());
		again.put("scope", "lab");
		again.put("complete", true);
		JsonNode last = ingest(again);
		String lastId = last.get("snapshotId").asString();

		List<String> keys = new ArrayList<>();
		try (Session s = driver.session()) {
			s.run("MATCH (k:IdKey) WHERE toLower(k.key) CONTAINS $u RETURN k.key AS key", Map.of("u", u))
				.forEachRemaining(r -> keys.add(r.get("key").asString()));
		}
		keys.add("no-such-key-" + u);
		assertThat(keys).hasSizeGreaterThanOrEqualTo(6);
		LocalReads local = new LocalReads(dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
		for (String source : List.of(a, b, "nobody-" + u)) {
			List<GraphStore.CandidateRow> inProcess = sorted(local.lookup(keys, source));
			assertThat(inProcess).as("look-up for %s", source).isEqualTo(sorted(store.lookupOverBolt(keys, source)));
			assertThat(inProcess).hasSizeGreaterThanOrEqualTo(5);
		}
		// the withdrawn assertion has no hash: a revival takes the full path
		assertThat(local.lookup(List.of(keyOf(keys, "h3-")), a)).singleElement()
			.satisfies(r -> assertThat(r.hash()).isNull());
		assertThat(local.lookup(List.of(keyOf(keys, "h1-")), b)).singleElement()
			.satisfies(r -> assertThat(r.hash()).isNotNull());

		List<String> refs = List.of("h1", "h2", "h3", "nope");
		Map<String, String> resolved = local.resolveRefs(lastId, a, refs);
		assertThat(resolved).isEqualTo(store.resolveRefsOverBolt(lastId, a, refs)).containsOnlyKeys("h1");
		assertThat(local.resolveRefs(lastId, b, refs)).isEmpty();

		// the bound records: the refs of the source's live assertions in the scope, with their CIs (h3 withdrawn,
		// another scope's and another source's refs not bound); the probe gives up when its first refs are not bound
		Map<String, GraphStore.CandidateRow> bound = local.bound(a, "lab", refs, 64);
		assertThat(bound).isEqualTo(store.boundOverBolt(a, "lab", refs)).containsOnlyKeys("h1", "h2");
		assertThat(bound.get("h2")).satisfies(r -> {
			assertThat(r.id()).isEqualTo(ciId(last, "h2"));
			assertThat(r.className()).isEqualTo("Server");
			assertThat(r.status()).isEqualTo("ACTIVE");
			assertThat(r.scope()).isEqualTo("-");
			assertThat(r.hash()).isNotNull();
			assertThat(r.asserts(r.hash(), "h2", "lab")).isTrue();
		});
		assertThat(local.bound(a, "elsewhere", refs, 64)).isEmpty();
		assertThat(store.boundOverBolt(a, "elsewhere", refs)).isEmpty();
		assertThat(local.bound(b, "lab", List.of("x", "y"), 64)).isEmpty(); // b's snapshot had no scope "lab"
		assertThat(local.bound(a, "lab", List.of("nope", "h1", "h2"), 1)).isEmpty();
		assertThat(store.bound(a, "lab", List.of("nope", "h1", "h2"), 1)).isEmpty();
		assertThat(local.bound(a, "lab", List.of("h1", "nope", "h2"), 1)).containsOnlyKeys("h1", "h2");
		assertThat(local.bound(a, "lab", List.of("h1", "nope", "h3", "h2"), 1)).isEqualTo(bound);

		// the withdrawal's count: the scope's live assertions (h3 withdrawn), and those no longer reported
		long after = t0.plusSeconds(3600).toEpochMilli();
		String h2 = ciId(last, "h2");
		assertThat(local.countScope(a, "lab", after, lastId, Set.of())).isEqualTo(new Withdrawals.Counted(2, 1))
			.isEqualTo(countOverBolt(a, "lab", after, lastId, Set.of()));
		assertThat(local.countScope(a, "lab", after, lastId, Set.of(h2))).isEqualTo(new Withdrawals.Counted(2, 0))
			.isEqualTo(countOverBolt(a, "lab", after, lastId, Set.of(h2)));
		assertThat(local.countScope(a, "lab", after, "another", Set.of(h2))).isEqualTo(new Withdrawals.Counted(2, 1))
			.isEqualTo(countOverBolt(a, "lab", after, "another", Set.of(h2)));
		assertThat(local.countScope(a, "lab", t0.toEpochMilli(), "another", Set.of()))
			.isEqualTo(countOverBolt(a, "lab", t0.toEpochMilli(), "another", Set.of()));
		assertThat(local.countScope(b, "lab", after, lastId, Set.of())).isEqualTo(new Withdrawals.Counted(0, 0))
			.isEqualTo(countOverBolt(b, "lab", after, lastId, Set.of()));
	}

	@Test
	void theBoundRecordsReadWalksTheIndexFromOneWantedRefToTheNextAsTheCypherReadsThem() {
		String u = unique();
		String source = "nmap-lrw" + u;
		// 80 refs in the index, numbered (lexically interleaved: r1, r10, r11, ...), and refs whose order in UTF-16
		// units is not their code points' (a character above the surrogates, one beyond the basic plane)
		List<Map<String, Object>> items = new ArrayList<>();
		List<String> all = new ArrayList<>();
		for (int i = 0; i < 80; i++) {
			all.add("r" + i);
		}
		all.addAll(List.of("r\uFF21", "r\uD83D\uDE00", "r\uFF21x", "r\uD83D\uDE00x"));
		for (String ref : all) {
			items.add(item(ref, "Server", Map.of("fqdn", "h" + all.indexOf(ref) + "-" + u + ".example"),
					attrs()));
		}
		Map<String, Object> snap = snapshot(source, "FULL", Instant.now().minusSeconds(60), items, List.of());
		snap.put("scope", "net");
		ingest(snap);
		LocalReads local = new LocalReads(dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
		List<List<String>> asks = new ArrayList<>();
		asks.add(all); // every ref: walked without a second seek
		List<String> sparse = new ArrayList<>(List.of("r0"));
		for (int i = 3; i < 80; i += 23) {
			sparse.add("r" + i); // far apart: seeks again past 16 other entries
			sparse.add("absent-" + i);
			sparse.add("r" + i + "-absent");
		}
		sparse.addAll(List.of("r\uD83D\uDE00", "r\uFF21x", "zzz"));
		asks.add(sparse);
		asks.add(List.of("r5", "r50", "r51", "r52", "r6", "r\uFF21", "r\uD83D\uDE00x"));
		for (List<String> refs : asks) {
			Map<String, GraphStore.CandidateRow> walked = local.bound(source, "net", refs, 1);
			Map<String, GraphStore.CandidateRow> seeked = local.bound(source, "net", refs, Integer.MAX_VALUE);
			Map<String, GraphStore.CandidateRow> cypher = store.boundOverBolt(source, "net", refs);
			assertThat(walked).as("walked %s", refs).isEqualTo(seeked).isEqualTo(cypher);
			assertThat(walked.keySet()).as("bound refs").isEqualTo(refs.stream().filter(all::contains)
				.collect(java.util.stream.Collectors.toSet()));
		}
	}

	@Test
	void aRefTwoLiveAssertionsCarryIsLeftToIdentification() {
		String u = unique();
		String source = "nmap-lrd" + u;
		Instant t0 = Instant.now().minusSeconds(300);
		// DELTA snapshots withdraw nothing: the ref names one machine, then another, and both assertions stay live
		JsonNode first = ingest(scoped(snapshot(source, "DELTA", t0,
				List.of(item("a", "Server", Map.of("fqdn", "x-" + u + ".example"), attrs())), List.of())));
		JsonNode second = ingest(scoped(snapshot(source, "DELTA", t0.plusSeconds(60), List.of(
				item("a", "Server", Map.of("fqdn", "y-" + u + ".example"), attrs()),
				item("b", "Server", Map.of("fqdn", "z-" + u + ".example"), attrs())), List.of())));
		assertThat(ciId(second, "a")).isNotEqualTo(ciId(first, "a"));
		LocalReads local = new LocalReads(dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
		String scope = "lab";
		List<String> refs = List.of("a", "b");
		assertThat(local.bound(source, scope, refs, 64)).containsOnlyKeys("b")
			.isEqualTo(store.boundOverBolt(source, scope, refs));
		assertThat(local.bound(source, scope, List.of("b", "a"), 1)).containsOnlyKeys("b");
		// identified, the record goes where its identifiers say
		JsonNode third = ingest(scoped(snapshot(source, "DELTA", t0.plusSeconds(120),
				List.of(item("a", "Server", Map.of("fqdn", "y-" + u + ".example"), attrs())), List.of())));
		assertThat(ciId(third, "a")).isEqualTo(ciId(second, "a"));
	}

	@Test
	void aRefWithMoreEntriesThanTheReadTakesIsLeftToIdentification() {
		String u = unique();
		String source = "nmap-lre" + u;
		Instant t0 = Instant.now().minusSeconds(3_600);
		// complete FULL scans (forced past the safety cap: each withdraws a third of the scope): ref "a" names another
		// machine each time (a reused address), "c" four, "b" always the same
		int scans = KernelBindings.MAX_ENTRIES + 2;
		JsonNode last = null;
		for (int n = 0; n < scans; n++) {
			last = ingest(complete(snapshot(source, "FULL", t0.plusSeconds(60L * n), List.of(
					item("a", "Server", Map.of("fqdn", "a" + n + "-" + u + ".example"), attrs()),
					item("b", "Server", Map.of("fqdn", "b-" + u + ".example"), attrs()),
					item("c", "Server", Map.of("fqdn", "c" + Math.min(n, 3) + "-" + u + ".example"), attrs())),
					List.of())));
		}
		LocalReads local = new LocalReads(dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
		List<String> refs = List.of("a", "b", "c");
		// each ref has its one live assertion, but "a" more entries than either read takes
		assertThat(local.bound(source, "lab", refs, 64)).containsOnlyKeys("b", "c")
			.isEqualTo(store.boundOverBolt(source, "lab", refs));
		assertThat(local.bound(source, "lab", List.of("b", "a", "c"), 1)).containsOnlyKeys("b", "c")
			.isEqualTo(store.boundOverBolt(source, "lab", List.of("b", "a", "c")));
		// over Bolt, one seek of the (source, ref) index per ref, not a scan of the source's entries
		try (Session s = driver.session()) {
			var plan = s.run("EXPLAIN " + cypher.get("ingest-bound-refs"), Map.of("source", source, "scope", "lab",
					"refs", refs, "maxEntries", KernelBindings.MAX_ENTRIES)).consume().plan();
			assertThat(operators(plan)).anyMatch(o -> o.startsWith("NodeIndexSeek") && o.contains("source = $source AND ref = ref"))
				.noneMatch(o -> o.startsWith("NodeIndexScan") || o.startsWith("NodeByLabelScan"));
		}
		// identified instead, the record still goes to its CI
		JsonNode again = ingest(complete(snapshot(source, "FULL", t0.plusSeconds(60L * scans), List.of(
				item("a", "Server", Map.of("fqdn", "a" + (scans - 1) + "-" + u + ".example"), attrs()),
				item("b", "Server", Map.of("fqdn", "b-" + u + ".example"), attrs()),
				item("c", "Server", Map.of("fqdn", "c3-" + u + ".example"), attrs())), List.of())));
		for (String ref : refs) {
			assertThat(ciId(again, ref)).isEqualTo(ciId(last, ref));
		}
	}

	private static List<String> operators(org.neo4j.driver.summary.Plan plan) {
		List<String> out = new ArrayList<>();
		out.add(plan.operatorType() + " " + plan.arguments().getOrDefault("Details", org.neo4j.driver.Values.NULL));
		plan.children().forEach(child -> out.addAll(operators(child)));
		return out;
	}

	private static Map<String, Object> complete(Map<String, Object> snapshot) {
		snapshot.put("complete", true);
		snapshot.put("force", true);
		return scoped(snapshot);
	}

	private static Map<String, Object> scoped(Map<String, Object> snapshot) {
		snapshot.put("scope", "lab");
		return snapshot;
	}

	private Withdrawals.Counted countOverBolt(String source, String scope, long before, String snapshotId,
			Set<String> unwritten) {
		Map<String, Object> params = new java.util.HashMap<>(Map.of("source", source, "scope", scope, "before", before,
				"snapshotId", snapshotId));
		params.put("unwritten", unwritten.isEmpty() ? null : List.copyOf(unwritten));
		try (Session s = driver.session()) {
			var r = s.run(cypher.get("withdraw-candidates"), params).single();
			return new Withdrawals.Counted(r.get("total").asInt(), r.get("gone").asInt());
		}
	}

	private static String keyOf(List<String> keys, String part) {
		return keys.stream().filter(k -> k.contains(part)).findFirst().orElseThrow();
	}

	private static List<GraphStore.CandidateRow> sorted(List<GraphStore.CandidateRow> rows) {
		return rows.stream().sorted(Comparator.comparing(GraphStore.CandidateRow::key)
			.thenComparing(GraphStore.CandidateRow::id)).toList();
	}

}
