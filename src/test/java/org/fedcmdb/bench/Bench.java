package org.fedcmdb.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.fedcmdb.FedcmdbApplication;
import org.fedcmdb.agents.Snapshot;
import org.fedcmdb.agents.SnapshotPoster;
import org.fedcmdb.graph.Json;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark harness: starts an embedded fedcmdb, generates a synthetic estate, and measures side by side on the
 * same database: ingestion through the HTTP API against a bare batched UNWIND ... MERGE through the driver, an
 * unchanged re-send, blast radius through GraphQL over HTTP against the same traversal as bare Cypher, peak memory,
 * and identification accuracy on a noisy multi-source estate. Writes target/bench/report.json and report.md.
 *
 * <pre>./mvnw -q -Pbench verify -Dbench.args="--tier S"</pre>
 */
public final class Bench {

	static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	final Map<String, Object> report = new LinkedHashMap<>();

	final Map<String, Object> targets = new LinkedHashMap<>();

	int port;

	java.util.Set<String> phases;

	boolean eventsOff;

	/** --cypher-traversal: blast radius by the level-wise Cypher traversal instead of the in-database procedure. */
	boolean cypherTraversal;

	/** {@code --watch-queries}: which statements the database was seen running during ingest and re-send. */
	boolean watchQueries;

	/**
	 * {@code --baseline-first}: the bare baseline runs first, in the JVM as it starts, as the ingest does by default;
	 * after the ingest (the default) it runs in a JVM whose JIT the ingest has compiled the database's write path in.
	 */
	boolean baselineFirst;

	/** Unchanged re-sends in a row ({@code --resends N}): the first is the target's; the others show the steady state. */
	int resends = 1;

	/** The bare baseline's seconds (all, and the nodes'), once it ran. */
	double baselineSeconds;

	double baselineNodeSeconds;

	Driver driver;

	public static void main(String[] args) throws Exception {
		String tier = "S";
		long seed = 42;
		int warmupSeconds = -1;
		String phases = "ingest,baseline,resend,blast,history,accuracy,events,load,churn,alerts,changes,health";
		boolean eventsOff = false;
		boolean cypherTraversal = false;
		boolean watchQueries = false;
		boolean baselineFirst = false;
		int totalOverride = 0;
		int resends = 1;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--tier" -> tier = args[++i].toUpperCase();
				case "--seed" -> seed = Long.parseLong(args[++i]);
				case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
				case "--phases" -> phases = args[++i];
				case "--cis" -> totalOverride = Integer.parseInt(args[++i]);
				case "--events-off" -> eventsOff = true;
				case "--cypher-traversal" -> cypherTraversal = true;
				case "--watch-queries" -> watchQueries = true;
				case "--baseline-first" -> baselineFirst = true;
				case "--resends" -> resends = Integer.parseInt(args[++i]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		int total = switch (tier) {
			case "S" -> 100_000;
			case "M" -> 1_000_000;
			case "L" -> 10_000_000;
			default -> throw new IllegalArgumentException("tier must be S, M or L");
		};
		if (totalOverride > 0) {
			total = totalOverride;
		}
		Bench b = new Bench();
		b.phases = java.util.Set.of(phases.split(","));
		b.eventsOff = eventsOff;
		b.cypherTraversal = cypherTraversal;
		b.watchQueries = watchQueries;
		b.baselineFirst = baselineFirst;
		if (resends < 1) {
			throw new IllegalArgumentException("--resends must be 1 or more");
		}
		b.resends = resends;
		b.run(tier, total, seed, warmupSeconds < 0 ? (tier.equals("S") ? 45 : 90) : warmupSeconds);
		System.exit(0);
	}

	/** The estate's size and seed, for the phases that stream it. */
	private int total;

	private long seed;

	void run(String tier, int total, long seed, int warmupSeconds) throws Exception {
		this.total = total;
		this.seed = seed;
		Path data = Files.createTempDirectory("fedcmdb-bench");
		dataDir = data;
		long start = System.nanoTime();
		// command-line arguments, so that they win over application.yml
		ConfigurableApplicationContext ctx = new SpringApplicationBuilder(FedcmdbApplication.class).run(
				"--server.port=0", "--fedcmdb.data-dir=" + data, "--fedcmdb.discovery.host-on-start=false",
				"--fedcmdb.embedded.page-cache-bytes=" + (tier.equals("S") ? 512L << 20 : 2L << 30),
				"--fedcmdb.api.timeout=30s", "--fedcmdb.security.enabled=false",
				"--fedcmdb.events.enabled=" + !eventsOff, "--fedcmdb.impact.in-database-traversal=" + !cypherTraversal, "--fedcmdb.events.allowed-targets=127.0.0.1", "--logging.level.root=WARN", "--logging.level.org.fedcmdb.bench=INFO",
				"--logging.level.org.fedcmdb.ingest=" + System.getProperty("bench.chunkLog", "WARN"),
				"--logging.level.org.fedcmdb.cis=" + System.getProperty("bench.chunkLog", "WARN"));
		log("data dir: %s", data);
		try {
			port = ctx.getEnvironment().getProperty("local.server.port", Integer.class);
			context = ctx;
			driver = ctx.getBean(Driver.class);
			report.put("tier", tier);
			report.put("eventsEnabled", !eventsOff);
			report.put("inDatabaseTraversal", !cypherTraversal);
			report.put("seed", seed);
			report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java",
					System.getProperty("java.version"), "os", System.getProperty("os.name") + " " + System.getProperty("os.version"),
					"heapMaxMb", Runtime.getRuntime().maxMemory() >> 20, "jvmArgs",
					ManagementFactory.getRuntimeMXBean().getInputArguments()));
			// the estate streams: ingest, baseline and re-send make it as they send it; the phases that need it
			// whole (history, changes, alerts) generate it then
			EstateGenerator.Refs refs = streamOnce();
			report.put("estate", Map.of("cis", refs.cis(), "edges", refs.edges()));
			log("estate: %,d CIs, %,d edges", refs.cis(), refs.edges());
			java.util.function.Supplier<EstateGenerator.Estate> whole = new java.util.function.Supplier<>() {
				EstateGenerator.Estate estate;

				public EstateGenerator.Estate get() {
					if (estate == null) {
						estate = EstateGenerator.generate(total, seed);
					}
					return estate;
				}
			};
			report.put("baselineFirst", baselineFirst);
			if (baselineFirst && phases.contains("baseline")) {
				baseline(refs);
			}
			QueryWatch watch = watchQueries ? new QueryWatch(driver) : null;
			ingest(refs);
			ingested = java.time.Instant.now();
			if (watch != null) {
				log("queries seen running during the ingest: %s", watch.top(15));
				watch.close();
			}
			historyFigures("afterIngest");
			if (phases.contains("baseline")) {
				if (baselineFirst) {
					baselineRatio(refs);
				}
				else {
					baseline(refs);
				}
			}
			if (phases.contains("resend")) {
				resend(refs);
			}
			if (phases.contains("blast")) {
				blastRadius(refs, someIds(), warmupSeconds);
			}
			if (phases.contains("history")) {
				historyChurn(whole.get(), allIds(), 3);
			}
			if (phases.contains("accuracy")) {
				accuracy(tier.equals("S") ? 5_000 : 20_000, seed);
			}
			if (phases.contains("events") && !eventsOff) {
				Map<String, Object> ev = new EventsPhase(port, http).run(tier.equals("S") ? 20_000 : 100_000, seed);
				report.put("events", ev);
				target("events.ratioWithSubscription", (double) ev.get("ratioWithSubscription"), ">=", 0.9);
				log("events: %s", ev);
			}
			if (phases.contains("load")) {
				load();
			}
			if (phases.contains("churn")) {
				churn(ctx, tier.equals("S") ? 2_000 : 20_000, seed);
			}
			if (phases.contains("changes")) {
				Map<String, Object> ch = new ChangesPhase(port, http, whole.get(), allIds()).run(seed);
				report.put("changes", ch);
				log("changes: %s", ch);
			}
			if (phases.contains("alerts")) {
				Map<String, Object> al = new AlertsPhase(port, http, whole.get(), allIds()).run(seed);
				report.put("alerts", al);
				@SuppressWarnings("unchecked")
				Map<String, Object> storm = (Map<String, Object>) al.get("storm");
				target("alerts.storm.incidents", ((Number) storm.get("incidents")).doubleValue(), "<=", 1);
				log("alerts: %s", al);
			}
			if (phases.contains("health")) {
				health();
			}

			historyFigures("atEnd");
			report.put("memory", Map.of("peakRssMb", peakRssMb(), "heapMaxMb", Runtime.getRuntime().maxMemory() >> 20));
			report.put("targets", targets);
			report.put("seconds", (System.nanoTime() - start) / 1e9);
			write();
		}
		finally {
			ctx.close();
			removeData(data);
		}
	}

	/**
	 * The store is gone with the run (a tier-M store is 4-6 GB; runs left them in the temporary directory until the
	 * disk filled) unless {@code -Dbench.keepData=true}; a run killed before this point leaves its directory, which
	 * the log names.
	 */
	static void removeData(Path data) {
		if (Boolean.getBoolean("bench.keepData")) {
			log("data kept: %s", data);
			return;
		}
		try {
			org.springframework.util.FileSystemUtils.deleteRecursively(data);
		}
		catch (IOException ex) {
			log("could not remove %s: %s", data, ex);
		}
	}

	// ---------------------------------------------------------------------------------------- ingestion

	static Snapshot snapshot(EstateGenerator.Estate estate, Instant at) {
		Snapshot s = EstateUpload.emptySnapshot(at);
		estate.cis().forEach(c -> s.item(c.ref(), c.className(), c.identifiers(), c.attributes()));
		estate.edges().forEach(e -> s.rel(e.type(), e.from(), e.to()));
		return s;
	}

	/**
	 * Streams the estate once without sending it: its size, and the time making it takes (part of the ingest's and
	 * the re-send's time, as making the snapshot's JSON always was), logged.
	 */
	EstateGenerator.Refs streamOnce() {
		long t0 = System.nanoTime();
		EstateGenerator.Refs refs = EstateGenerator.stream(total, seed, new EstateGenerator.Sink() {
		});
		log("estate streamed without sending in %.1f s", (System.nanoTime() - t0) / 1e9);
		return refs;
	}

	void ingest(EstateGenerator.Refs refs) throws Exception {
		SnapshotPoster poster = new SnapshotPoster(URI.create("http://127.0.0.1:" + port), null, line -> {
		});
		long t0 = System.nanoTime();
		String id = EstateUpload.post(poster, Instant.now().minusSeconds(60), total, seed).snapshotId();
		JsonNode status = poster.await(id, Duration.ofHours(2));
		double secs = (System.nanoTime() - t0) / 1e9;
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("seconds", secs);
		m.put("cisPerSecond", refs.cis() / secs);
		m.put("edgesPerSecond", refs.edges() / secs);
		m.put("counts", Json.MAPPER.convertValue(status.get("counts"), Map.class));
		m.put("edgesCreated", status.path("edgesCreated").asLong());
		long distinct = refs.edges(); // the generator gives no duplicate
		m.put("distinctRelationships", distinct);
		m.put("pendingLeft", status.path("counts").path("PENDING").asLong(0));
		report.put("ingest", m);
		if (status.path("edgesCreated").asLong() != distinct || status.path("counts").has("PENDING")) {
			log("WARNING: the status says %d edges created and %d PENDING; the estate has %d distinct relationships",
					status.path("edgesCreated").asLong(), status.path("counts").path("PENDING").asLong(0), distinct);
		}

		log("ingest: %.1f s, %,.0f CIs/s, %,.0f edges/s %s", secs, refs.cis() / secs, refs.edges() / secs,
				status.get("counts"));
	}

	/** Every ref's CI, for the phases that use many (at tier L ten million entries: only when asked for). */
	Map<String, String> allIds() {
		Map<String, String> ids = new HashMap<>();
		try (Session session = driver.session()) {
			session.run("MATCH (a:Assertion {source: 'terraform-bench'}) RETURN a.ref AS ref, a.ciId AS id")
				.forEachRemaining(r -> ids.put(r.get("ref").asString(), r.get("id").asString()));
		}
		return ids;
	}

	/** The CIs of a few refs, read when asked for (the blast radius phase's starts). */
	Map<String, String> someIds() {
		Map<String, String> known = new HashMap<>();
		return new java.util.AbstractMap<>() {
			@Override
			public String get(Object ref) {
				return known.computeIfAbsent((String) ref, r -> {
					try (Session session = driver.session()) {
						return session.run("MATCH (a:Assertion {source: 'terraform-bench', ref: $ref}) RETURN a.ciId AS id",
								Map.of("ref", r)).single().get("id").asString();
					}
				});
			}

			@Override
			public java.util.Set<Map.Entry<String, String>> entrySet() {
				return known.entrySet();
			}
		};
	}

	/**
	 * The bare reference: the estate's CIs as one node each with a batched {@code UNWIND ... MERGE}, then its edges by
	 * type, 10,000 rows per transaction, through the driver. The estate streams twice (nodes, then edges); the time
	 * counted is that of building the rows and writing them, not of making the estate.
	 */
	/** The ingest's ratio to the bare baseline, both measured. */
	void baselineRatio(EstateGenerator.Refs refs) {
		@SuppressWarnings("unchecked")
		Map<String, Object> ingest = (Map<String, Object>) report.get("ingest");
		double base = refs.cis() / baselineSeconds;
		ingest.put("baselineSeconds", baselineSeconds);
		ingest.put("baselineNodeSeconds", baselineNodeSeconds);
		ingest.put("baselineCisPerSecond", base);
		ingest.put("baselineRatio", (double) ingest.get("cisPerSecond") / base);
		target("ingest.baselineRatio", (double) ingest.get("baselineRatio"), ">=", 0.5);
		target("ingest.cisPerSecond", (double) ingest.get("cisPerSecond"), ">=", 5_000);
		log("baseline: %.1f s (%,.0f CIs/s%s); ratio %.2f", baselineSeconds, base,
				baselineFirst ? ", before the ingest" : "", ingest.get("baselineRatio"));
	}

	void baseline(EstateGenerator.Refs refs) {
		try (Session s = driver.session()) {
			s.run("CREATE CONSTRAINT bench_baseline IF NOT EXISTS FOR (n:BenchBaseline) REQUIRE n.id IS UNIQUE").consume();
		}
		long[] spent = new long[1];
		List<List<Map<String, Object>>> rows = new ArrayList<>(List.of(new ArrayList<>()));
		String nodes = "UNWIND $rows AS r MERGE (n:BenchBaseline {id: r.id}) SET n += r.props";
		EstateGenerator.stream(total, seed, new EstateGenerator.Sink() {
			public void ci(EstateGenerator.Ci c) {
				long t = System.nanoTime();
				Map<String, Object> props = new HashMap<>();
				props.put("class", c.className());
				props.put("identifiers", Json.write(c.identifiers()));
				props.put("attributes", Json.write(c.attributes()));
				rows.get(0).add(Map.of("id", c.ref(), "props", props));
				if (rows.get(0).size() == 10_000) {
					write(nodes, rows.get(0));
					rows.set(0, new ArrayList<>());
				}
				spent[0] += System.nanoTime() - t;
			}
		});
		long t = System.nanoTime();
		write(nodes, rows.get(0));
		spent[0] += System.nanoTime() - t;
		double nodeSecs = spent[0] / 1e9;
		Map<String, List<Map<String, Object>>> byType = new LinkedHashMap<>();
		EstateGenerator.stream(total, seed, new EstateGenerator.Sink() {
			public void edge(EstateGenerator.Edge e) {
				long t = System.nanoTime();
				List<Map<String, Object>> list = byType.computeIfAbsent(e.type(), k -> new ArrayList<>());
				list.add(Map.of("from", e.from(), "to", e.to()));
				if (list.size() == 10_000) {
					writeEdges(e.type(), list);
					byType.put(e.type(), new ArrayList<>());
				}
				spent[0] += System.nanoTime() - t;
			}
		});
		t = System.nanoTime();
		byType.forEach(this::writeEdges);
		spent[0] += System.nanoTime() - t;
		baselineSeconds = spent[0] / 1e9;
		baselineNodeSeconds = nodeSecs;
		if (report.containsKey("ingest")) {
			baselineRatio(refs);
		}
		else {
			log("baseline: %.1f s (%,.0f CIs/s), before the ingest", baselineSeconds, refs.cis() / baselineSeconds);
		}
		// one transaction per 10,000 nodes: at tier L the 10M nodes in CALL { } IN TRANSACTIONS (one implicit outer
		// transaction) ran past the server's transaction timeout and ended the run before the report was written
		try (Session s = driver.session()) {
			while (s.executeWrite(tx -> tx.run("MATCH (n:BenchBaseline) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n")
				.single().get("n").asLong()) > 0) {
				// next page
			}
		}
	}

	void writeEdges(String type, List<Map<String, Object>> rows) {
		write("UNWIND $rows AS r MATCH (a:BenchBaseline {id: r.from}) MATCH (b:BenchBaseline {id: r.to}) MERGE (a)-[:" + type
				+ "]->(b)", rows);
	}

	void write(String q, List<Map<String, Object>> rows) {
		if (rows.isEmpty()) {
			return;
		}
		try (Session s = driver.session()) {
			s.executeWriteWithoutResult(tx -> tx.run(q, Map.of("rows", rows)).consume());
		}
	}

	void resend(EstateGenerator.Refs refs) throws Exception {
		@SuppressWarnings("unchecked")
		double first = (double) ((Map<String, Object>) report.get("ingest")).get("cisPerSecond");
		List<Map<String, Object>> again = new ArrayList<>();
		for (int n = 1; n <= resends; n++) {
			SnapshotPoster poster = new SnapshotPoster(URI.create("http://127.0.0.1:" + port), null, line -> {
			});
			QueryWatch watch = watchQueries ? new QueryWatch(driver) : null;
			long t0 = System.nanoTime();
			JsonNode status = poster.await(EstateUpload.post(poster, Instant.now(), total, seed).snapshotId(),
					Duration.ofHours(2));
			double secs = (System.nanoTime() - t0) / 1e9;
			if (watch != null) {
				log("queries seen running during the re-send: %s", watch.top(15));
				watch.close();
			}
			double rate = refs.cis() / secs;
			Map<String, Object> figures = Map.of("seconds", secs, "cisPerSecond", rate, "speedupVsFirst", rate / first,
					"counts", Json.MAPPER.convertValue(status.get("counts"), Map.class));
			if (n == 1) {
				report.put("resend", figures);
				// issue #16: an unchanged re-send at least 10x the first ingest
				target("resend.speedupVsFirst", rate / first, ">=", 10);
			}
			else {
				again.add(figures); // the same again: the re-send's paths compiled, the steady state of a periodic agent
			}
			log("resend%s: %.1f s, %,.0f CIs/s (%.1fx first) %s", n == 1 ? "" : " " + n, secs, rate, rate / first,
					status.get("counts"));
		}
		if (!again.isEmpty()) {
			report.put("resendAgain", again);
		}
	}

	// -------------------------------------------------------------------------------------- history

	/**
	 * What history and validity intervals hold: history entries, closed relationships (WAS), merged CIs' kept nodes,
	 * per CI. The bytes they take on disk are measured from the store's size after the run (README).
	 */
	void historyFigures(String when) {
		try (Session s = driver.session()) {
			Map<String, Object> m = s.executeRead(tx -> tx.run("MATCH (c:CI) WITH count(c) AS cis "
					+ "OPTIONAL MATCH (h:Change) WITH cis, count(h) AS changes "
					+ "OPTIONAL MATCH ()-[w:WAS]->() WITH cis, changes, count(w) AS closed "
					+ "OPTIONAL MATCH (m:MergedCI) RETURN cis, changes, closed, count(m) AS merged").single().asMap());
			Map<String, Object> out = new LinkedHashMap<>(m);
			long cis = ((Number) m.get("cis")).longValue();
			out.put("changesPerCi", cis == 0 ? 0 : ((Number) m.get("changes")).doubleValue() / cis);
			out.put("closedRelationshipsPerCi", cis == 0 ? 0 : ((Number) m.get("closed")).doubleValue() / cis);
			@SuppressWarnings("unchecked")
			Map<String, Object> h = (Map<String, Object>) report.computeIfAbsent("history", k -> new LinkedHashMap<>());
			h.put(when, out);
			log("history %s: %s", when, out);
		}
	}

	/**
	 * Days of churn: each round a complete FULL re-send of the estate in which 5% of the CIs changed an attribute and
	 * 2% of the VMs moved to another hypervisor. Reports the store's growth per CI per round (after a checkpoint) and the
	 * depth-3 blast radius as of before the churn (through closed relationships and revised CIs) against the same
	 * query about now, run alternately.
	 */
	void historyChurn(EstateGenerator.Estate estate, Map<String, String> ids, int rounds) throws Exception {
		long storeBefore = storeBytes();
		Instant before = Instant.now();
		sleep(20);
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
		List<EstateGenerator.Ci> cis = new ArrayList<>(estate.cis());
		List<EstateGenerator.Edge> edges = new ArrayList<>(estate.edges());
		java.util.Set<String> hypervisors = new java.util.HashSet<>(estate.hypervisorRefs());
		SnapshotPoster poster = new SnapshotPoster(URI.create("http://127.0.0.1:" + port), null, line -> {
		});
		int changed = cis.size() / 20;
		int moved = 0;
		for (int round = 1; round <= rounds; round++) {
			for (int i = 0; i < changed; i++) {
				int k = rnd.nextInt(cis.size());
				EstateGenerator.Ci c = cis.get(k);
				Map<String, Object> attrs = new LinkedHashMap<>(c.attributes());
				attrs.put("churnRound", round);
				cis.set(k, new EstateGenerator.Ci(c.ref(), c.className(), c.identifiers(), attrs));
			}
			moved = 0;
			for (int i = 0; i < edges.size(); i++) {
				EstateGenerator.Edge e = edges.get(i);
				if (hypervisors.contains(e.to()) && rnd.nextInt(50) == 0) {
					edges.set(i, new EstateGenerator.Edge(e.type(), e.from(),
							estate.hypervisorRefs().get(rnd.nextInt(estate.hypervisorRefs().size()))));
					moved++;
				}
			}
			Snapshot s = EstateUpload.emptySnapshot(Instant.now());
			cis.forEach(c -> s.item(c.ref(), c.className(), c.identifiers(), c.attributes()));
			edges.stream().distinct().forEach(e -> s.rel(e.type(), e.from(), e.to()));
			long t0 = System.nanoTime();
			JsonNode status = poster.await(poster.post(s), Duration.ofHours(2));
			log("history: churn round %d: %d CIs changed, %d VMs moved, %.1f s %s", round, changed, moved,
					(System.nanoTime() - t0) / 1e9, status.get("counts"));
		}
		historyFigures("afterChurn");
		long storeAfter = storeBytes();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("rounds", rounds);
		m.put("changedCisPerRound", changed);
		m.put("movedVmsLastRound", moved);
		m.put("storeBytesBefore", storeBefore);
		m.put("storeBytesAfter", storeAfter);
		m.put("storeBytesPerCiPerRound", (double) (storeAfter - storeBefore) / cis.size() / rounds);
		m.put("storeBytesPerChangedCi", (double) (storeAfter - storeBefore) / changed / rounds);
		List<String> typical = typical(estate.refs(), ids);
		double[] asOf = new double[300];
		double[] now = new double[300];
		for (int i = 0; i < 300; i++) {
			String id = typical.get(i % typical.size());
			long t0 = System.nanoTime();
			graphql(id, 3, 1000, before);
			asOf[i] = (System.nanoTime() - t0) / 1e6;
			t0 = System.nanoTime();
			graphql(id, 3, 1000, null);
			now[i] = (System.nanoTime() - t0) / 1e6;
		}
		m.put("depth3AsOfBeforeChurnP50Ms", pct(asOf, 50));
		m.put("depth3NowP50Ms", pct(now, 50));
		m.put("depth3AsOfRatio", pct(asOf, 50) / pct(now, 50));
		@SuppressWarnings("unchecked")
		Map<String, Object> h = (Map<String, Object>) report.computeIfAbsent("history", k -> new LinkedHashMap<>());
		h.put("churn", m);
		log("history: %s", m);
		target("history.depth3AsOfRatio", pct(asOf, 50) / pct(now, 50), "<=", 2.0);
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The store's size on disk after a checkpoint (data and indexes, not the transaction logs). */
	long storeBytes() throws IOException {
		// Community Edition has no db.checkpoint() procedure: the embedded database's check pointer, forced
		org.neo4j.kernel.internal.GraphDatabaseAPI db = (org.neo4j.kernel.internal.GraphDatabaseAPI) context
			.getBean(org.neo4j.dbms.api.DatabaseManagementService.class).database("neo4j");
		db.getDependencyResolver().resolveDependency(org.neo4j.kernel.impl.transaction.log.checkpoint.CheckPointer.class)
			.forceCheckPoint(new org.neo4j.kernel.impl.transaction.log.checkpoint.SimpleTriggerInfo("bench store size"));
		try (var files = Files.walk(dataDir.resolve("data/databases/neo4j"))) {
			return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
		}
	}

	// -------------------------------------------------------------------------------------- blast radius

	static final String GQL = "query($id: ID!, $d: Int, $l: Int, $at: DateTime) { blastRadius(ciIds: [$id], maxDepth: $d, limit: $l, asOf: $at) "
			+ "{ totalImpacted truncated impacted { depth state ci { id } } } }";

	/** The server's data directory (store size). */
	Path dataDir;

	ConfigurableApplicationContext context;

	/** The instant as-of scenarios ask about: the end of the first ingest (the graph since then is the same). */
	java.time.Instant ingested;

	static final String BARE = "MATCH (s:CI {id: $id}) "
			+ "MATCH (s)<-[:RUNS_ON|HOSTED_ON|DEPENDS_ON|MEMBER_OF*1..%d]-(d:CI) RETURN DISTINCT d.id AS id LIMIT $l";

	record Scenario(String name, List<String> starts, Integer depth, int limit, java.time.Instant asOf) {

		Scenario(String name, List<String> starts, Integer depth, int limit) {
			this(name, starts, depth, limit, null);
		}

	}

	/** The depth-3 scenario's starts: 50 databases and 50 applications, the same for a seed. */
	static List<String> typical(EstateGenerator.Refs estate, Map<String, String> ids) {
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
		List<String> typical = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			typical.add(ids.get(estate.databaseRefs().get(rnd.nextInt(estate.databaseRefs().size()))));
			typical.add(ids.get(estate.applicationRefs().get(rnd.nextInt(estate.applicationRefs().size()))));
		}
		return typical;
	}

	void blastRadius(EstateGenerator.Refs estate, Map<String, String> ids, int warmupSeconds) throws Exception {
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
		List<String> typical = typical(estate, ids);
		for (int i = 0; i < 100; i++) {
			rnd.nextInt(1); // the hypervisor picks below follow the same random sequence as before typical() was split off
		}
		List<String> hvs = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			hvs.add(ids.get(estate.hypervisorRefs().get(rnd.nextInt(estate.hypervisorRefs().size()))));
		}
		List<Scenario> scenarios = new ArrayList<>(List.of(new Scenario("depth3", typical, 3, 1000),
				new Scenario("depth5", hvs, 5, 10_000),
				new Scenario("supernode", List.of(ids.get(estate.supernodeRef())), null, 10_000)));
		if (ingested != null) {
			scenarios.add(new Scenario("depth3AsOf", typical, 3, 1000, ingested));
		}
		log("blast radius: warming up for %d s", warmupSeconds);
		long until = System.nanoTime() + warmupSeconds * 1_000_000_000L;
		int w = 0;
		while (System.nanoTime() < until) {
			Scenario sc = scenarios.get(w % 2);
			String id = sc.starts().get(w++ % sc.starts().size());
			graphql(id, sc.depth(), sc.limit(), sc.asOf());
			bare(id, sc.depth() == null ? 3 : sc.depth(), sc.limit());
		}
		Map<String, Object> out = new LinkedHashMap<>();
		for (Scenario sc : scenarios) {
			int n = sc.name().equals("supernode") ? 20 : 300;
			double[] g = new double[n];
			double[] b = new double[n];
			long impacted = 0;
			boolean truncated = false;
			for (int i = 0; i < n; i++) {
				String id = sc.starts().get(i % sc.starts().size());
				long t0 = System.nanoTime();
				JsonNode r = graphql(id, sc.depth(), sc.limit(), sc.asOf());
				g[i] = (System.nanoTime() - t0) / 1e6;
				impacted += r.get("totalImpacted").asLong();
				truncated |= r.get("truncated").asBoolean();
				t0 = System.nanoTime();
				if (sc.asOf() != null) {
					graphql(id, sc.depth(), sc.limit(), null); // as of an instant against now, interleaved: same noise
				}
				else {
					bare(id, sc.depth() == null ? 50 : sc.depth(), sc.limit());
				}
				b[i] = (System.nanoTime() - t0) / 1e6;
			}
			Map<String, Object> m = new LinkedHashMap<>();
			if (sc.asOf() == null) {
				// the same traversal through the service, in process: what the request costs without HTTP and GraphQL
				double[] t = traversalOnly(sc, n);
				m.put("traversalP50Ms", pct(t, 50));
				m.put("traversalRatio", pct(t, 50) / pct(b, 50));
			}
			m.put("p50Ms", pct(g, 50));
			m.put("p99Ms", pct(g, 99));
			m.put("baselineP50Ms", pct(b, 50));
			m.put("baselineP99Ms", pct(b, 99));
			m.put("baselineRatio", pct(g, 50) / pct(b, 50));
			m.put("meanImpacted", (double) impacted / n);
			m.put("anyTruncated", truncated);
			m.put("throughput1PerSecond", 1000.0 / (Arrays.stream(g).sum() / n));
			m.put("throughput8PerSecond", throughput(sc, 8, Duration.ofSeconds(10)));
			out.put(sc.name(), m);
			log("%s: p50 %.1f ms, p99 %.1f ms, bare p50 %.1f ms (ratio %.2f), traversal alone p50 %s ms, mean impacted %.0f, "
					+ "8 clients %.0f/s", sc.name(), pct(g, 50), pct(g, 99), pct(b, 50), pct(g, 50) / pct(b, 50),
					m.containsKey("traversalP50Ms") ? String.format("%.1f", m.get("traversalP50Ms")) : "-",
					(double) impacted / n, m.get("throughput8PerSecond"));
		}
		report.put("blastRadius", out);
		@SuppressWarnings("unchecked")
		Map<String, Object> d3 = (Map<String, Object>) out.get("depth3");
		@SuppressWarnings("unchecked")
		Map<String, Object> d5 = (Map<String, Object>) out.get("depth5");
		target("blastRadius.depth3.p50Ms", (double) d3.get("p50Ms"), "<=", 15);
		target("blastRadius.depth3.p99Ms", (double) d3.get("p99Ms"), "<=", 75);
		target("blastRadius.depth3.baselineRatio", (double) d3.get("baselineRatio"), "<=", 1.5);
		target("blastRadius.depth5.p50Ms", (double) d5.get("p50Ms"), "<=", 50);
		@SuppressWarnings("unchecked")
		Map<String, Object> d3AsOf = (Map<String, Object>) out.get("depth3AsOf");
		if (d3AsOf != null) {
			// its "baseline" is the same query about now, run alternately with it
			double ratio = (double) d3AsOf.get("baselineRatio");
			d3AsOf.put("currentTimeRatio", ratio);
			log("depth3 as of %s: p50 %.1f ms, %.2fx the same query about now (p50 %.1f ms, run alternately)", ingested,
					d3AsOf.get("p50Ms"), ratio, d3AsOf.get("baselineP50Ms"));
			target("blastRadius.depth3AsOf.currentTimeRatio", ratio, "<=", 2.0);
		}
	}

	/** The scenario's traversal through {@code ImpactService} in the server's process (no HTTP, no GraphQL), n times. */
	double[] traversalOnly(Scenario sc, int n) {
		org.fedcmdb.impact.ImpactService impact = context.getBean(org.fedcmdb.impact.ImpactService.class);
		double[] t = new double[n];
		for (int i = 0; i < n; i++) {
			String id = sc.starts().get(i % sc.starts().size());
			long t0 = System.nanoTime();
			impact.blastRadius(new org.fedcmdb.impact.ImpactQuery(List.of(id), org.fedcmdb.impact.ImpactQuery.Direction.UPSTREAM,
					sc.depth(), null, false, sc.limit()), Duration.ofSeconds(30));
			t[i] = (System.nanoTime() - t0) / 1e6;
		}
		return t;
	}

	double throughput(Scenario sc, int clients, Duration d) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicLong done = new AtomicLong();
		long end = System.nanoTime() + d.toNanos();
		List<Future<?>> fs = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			int offset = c;
			fs.add(pool.submit((Callable<Void>) () -> {
				int i = offset;
				while (System.nanoTime() < end) {
					graphql(sc.starts().get(i++ % sc.starts().size()), sc.depth(), sc.limit(), sc.asOf());
					done.incrementAndGet();
				}
				return null;
			}));
		}
		for (Future<?> f : fs) {
			f.get();
		}
		pool.shutdown();
		return done.get() / (d.toMillis() / 1000.0);
	}

	/** CMDB health over the whole estate: three computations, their server-side duration and the figures. */
	void health() throws IOException, InterruptedException {
		List<Long> durations = new ArrayList<>();
		JsonNode last = null;
		for (int i = 0; i < 3; i++) {
			byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("query",
					"mutation { refreshHealth { durationMs totalCis duplicateCandidates pendingEdges orphans { count } } }"));
			HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			last = Json.MAPPER.readTree(r.body()).get("data").get("refreshHealth");
			durations.add(last.get("durationMs").asLong());
		}
		Collections.sort(durations);
		Map<String, Object> h = new LinkedHashMap<>();
		h.put("cis", last.get("totalCis").asInt());
		h.put("computationMsMedian", durations.get(1));
		h.put("computationMsMax", durations.get(2));
		h.put("duplicateCandidates", last.get("duplicateCandidates").asInt());
		report.put("health", h);
		log("health: %s", h);
	}

	JsonNode graphql(String id, Integer depth, int limit, java.time.Instant asOf) throws IOException, InterruptedException {
		Map<String, Object> vars = new HashMap<>();
		vars.put("id", id);
		vars.put("d", depth);
		vars.put("l", limit);
		vars.put("at", asOf == null ? null : asOf.toString());
		byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("query", GQL, "variables", vars));
		HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		JsonNode n = Json.MAPPER.readTree(r.body());
		if (n.has("errors")) {
			throw new IllegalStateException("GraphQL error: " + n.get("errors"));
		}
		return n.get("data").get("blastRadius");
	}

	int bare(String id, int depth, int limit) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(String.format(BARE, depth), Map.of("id", id, "l", limit)).list().size());
		}
	}

	static double pct(double[] v, int p) {
		double[] s = v.clone();
		Arrays.sort(s);
		int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
		return s[Math.max(0, Math.min(s.length - 1, i))];
	}

	// ------------------------------------------------------------------------------------------ accuracy

	void accuracy(int hosts, long seed) throws Exception {
		AccuracyEstate.Result acc = AccuracyEstate.generate(hosts, seed, Instant.now());
		SnapshotPoster poster = new SnapshotPoster(URI.create("http://127.0.0.1:" + port), null, line -> {
		});
		Map<String, String> ciOfRecord = new HashMap<>();
		for (Snapshot s : acc.snapshots()) {
			String id = poster.post(s);
			poster.await(id, Duration.ofMinutes(30));
			itemCiIds(port, id).forEach((ref, ci) -> ciOfRecord.put(s.envelope().get("source") + "|" + ref, ci));
		}
		// merges move ids: resolve every record's CI to its survivor
		Map<String, String> survivor = new HashMap<>();
		try (Session s = driver.session()) {
			s.run("MATCH (a:CiAlias) RETURN a.id AS id, a.survivorId AS s").forEachRemaining(r -> survivor.put(r.get("id").asString(), r.get("s").asString()));
		}
		Map<String, Map<Integer, Integer>> byCi = new HashMap<>();
		Map<Integer, Integer> byTruth = new HashMap<>();
		int unresolved = 0;
		for (AccuracyEstate.Record rec : acc.records()) {
			String ci = ciOfRecord.get(rec.source() + "|" + rec.ref());
			if (ci == null) {
				unresolved++;
				ci = "none:" + rec.source() + "|" + rec.ref();
			}
			ci = survivor.getOrDefault(ci, ci);
			byCi.computeIfAbsent(ci, k -> new HashMap<>()).merge(rec.truth(), 1, Integer::sum);
			byTruth.merge(rec.truth(), 1, Integer::sum);
		}
		long tp = 0;
		long predicted = 0;
		int falseMerges = 0;
		for (Map<Integer, Integer> c : byCi.values()) {
			int n = c.values().stream().mapToInt(Integer::intValue).sum();
			predicted += (long) n * (n - 1) / 2;
			for (int k : c.values()) {
				tp += (long) k * (k - 1) / 2;
			}
			if (c.size() > 1) {
				falseMerges++;
			}
		}
		long actual = byTruth.values().stream().mapToLong(k -> (long) k * (k - 1) / 2).sum();
		double precision = predicted == 0 ? 1 : (double) tp / predicted;
		double recall = actual == 0 ? 1 : (double) tp / actual;
		double f1 = 2 * precision * recall / (precision + recall);
		// attribute accuracy: os, which the authority rules decide (host-agent > terraform > nmap, staleness aside)
		int right = 0;
		int checked = 0;
		Map<Integer, String> ciOfTruth = new HashMap<>();
		for (AccuracyEstate.Record rec : acc.records()) {
			String ci = ciOfRecord.get(rec.source() + "|" + rec.ref());
			if (ci != null && rec.truth() < hosts) {
				ciOfTruth.putIfAbsent(rec.truth(), survivor.getOrDefault(ci, ci));
			}
		}
		Map<String, String> osOf = new HashMap<>();
		try (Session s = driver.session()) {
			s.run("UNWIND $ids AS id MATCH (c:CI {id: id}) RETURN c.id AS id, c.attributes AS a",
					Map.of("ids", List.copyOf(new java.util.HashSet<>(ciOfTruth.values()))))
				.forEachRemaining(r -> osOf.put(r.get("id").asString(), (String) Json.readMap(r.get("a").asString()).get("os")));
		}
		for (var e : acc.expectedOs().entrySet()) {
			String ci = ciOfTruth.get(e.getKey());
			if (ci == null) {
				continue;
			}
			checked++;
			if (e.getValue().equals(osOf.get(ci))) {
				right++;
			}
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("records", acc.records().size());
		m.put("hosts", hosts);
		m.put("precision", precision);
		m.put("recall", recall);
		m.put("f1", f1);
		m.put("falseMerges", falseMerges);
		m.put("unresolvedRecords", unresolved);
		m.put("attributeAccuracy", checked == 0 ? 1 : (double) right / checked);
		report.put("accuracy", m);
		target("accuracy.f1", f1, ">=", 0.995);
		target("accuracy.falseMerges", falseMerges, "<=", 0);
		log("accuracy: precision %.4f recall %.4f F1 %.4f, %d false merges, %d unresolved, os right %d/%d", precision,
				recall, f1, falseMerges, unresolved, right, checked);
	}

	/** The CI id each item ref of a snapshot got, read page by page from its status. */
	static Map<String, String> itemCiIds(int port, String snapshotId) throws Exception {
		Map<String, String> out = new HashMap<>();
		for (int offset = 0;; offset += 10_000) {
			JsonNode st = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
					+ "/api/v1/snapshots/" + snapshotId + "?offset=" + offset + "&limit=10000")).build(),
					HttpResponse.BodyHandlers.ofString()).body());
			for (JsonNode r : st.get("results")) {
				if (r.get("kind").asString().equals("item") && r.hasNonNull("ciId")) {
					out.put(r.get("ref").asString(), r.get("ciId").asString());
				}
			}
			if (st.get("results").size() < 10_000) {
				return out;
			}
		}
	}

	// ------------------------------------------------------------------------------------------ churn

	void churn(ConfigurableApplicationContext ctx, int nodes, long seed) throws Exception {
		Map<String, Object> m = new ChurnPhase(port, driver, ctx.getBean(org.fedcmdb.cis.StalenessService.class), seed)
			.run(nodes, nodes / 4);
		report.put("churn", m);
		target("churn.duplicates", ((Number) m.get("duplicates")).doubleValue(), "<=", 0);
		target("churn.identityBreaks", ((Number) m.get("identityBreaks")).doubleValue(), "<=", 0);
		target("churn.sharedMacMisidentified", ((Number) m.get("sharedMacMisidentified")).doubleValue(), "<=", 0);
		log("churn: %s", m);
	}

	// ------------------------------------------------------------------------------------------ mixed load

	/**
	 * 8 agents posting (100 servers with their applications each, every 2 s) and 16 GraphQL readers for 60 s on top of
	 * the estate; correctness counts, not only speed.
	 */
	void load() throws Exception {
		log("load: 8 agents posting, 16 readers, 60 s");
		LoadDriver.Result r = new LoadDriver(port, driver, new LoadDriver.Settings(8, 16, Duration.ofSeconds(60), 100,
				Duration.ofSeconds(2), null))
			.run();
		Map<String, Object> m = new LinkedHashMap<>(r.figures());
		m.put("errorSamples", r.errorSamples());
		report.put("load", m);
		target("load.errors", r.errors(), "<=", 0);
		target("load.lostCis", r.lost(), "<=", 0);
		target("load.duplicateCis", r.duplicates(), "<=", 0);
		log("load: %s", r.figures());
	}

	// ------------------------------------------------------------------------------------------ report

	void target(String key, double value, String op, double goal) {
		boolean met = op.equals(">=") ? value >= goal : value <= goal;
		Map<String, Object> t = new LinkedHashMap<>();
		t.put("value", value);
		t.put("goal", op + " " + goal);
		t.put("met", met);
		if (!met) {
			t.put("missedBy", op.equals(">=") ? goal - value : value - goal);
		}
		targets.put(key, t);
	}

	static long peakRssMb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return -1;
	}

	void write() throws IOException {
		Path dir = Path.of("target", "bench");
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("report.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
		StringBuilder md = new StringBuilder("| target | value | goal | met |\n|---|---|---|---|\n");
		targets.forEach((k, v) -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> t = (Map<String, Object>) v;
			md.append(String.format("| %s | %.3f | %s | %s |%n", k, (double) t.get("value"), t.get("goal"),
					(boolean) t.get("met") ? "yes" : "no, by " + String.format("%.3f", (double) t.get("missedBy"))));
		});
		Files.writeString(dir.resolve("report.md"), md.toString());
		log("report: %s", dir.resolve("report.json").toAbsolutePath());
		System.out.println(md);
	}

	static void log(String fmt, Object... args) {
		System.out.println("[bench] " + String.format(fmt, args));
	}

}
