package org.fedcmdb.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.fedcmdb.graph.Json;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import tools.jackson.databind.JsonNode;

/**
 * Mixed load against a running server: agents posting snapshots (each its own source, neighbours sharing half of
 * their servers so that sources race on the same CIs) while readers run GraphQL look-ups and blast radius queries.
 * At the end it waits until every acknowledged snapshot is applied and counts errors, lost CIs (expected but absent)
 * and duplicates (one expected CI present more than once). Used by the benchmark's {@code load} phase (60 s, figures
 * into the report) and by {@code LoadIntegrationTests} (shorter, assertions on correctness only, never on time).
 */
public final class LoadDriver {

	/**
	 * @param agents concurrent posting agents
	 * @param readers concurrent GraphQL readers
	 * @param duration how long agents post and readers read
	 * @param serversPerAgent servers in each agent's snapshot (each with an application and, per ten, a service)
	 * @param pause how long an agent waits between posts (real agents post on a schedule, not in a tight loop)
	 * @param token bearer token (null when security is off)
	 */
	public record Settings(int agents, int readers, Duration duration, int serversPerAgent, Duration pause,
			String token) {
	}

	/** Figures for the report, plus what a test asserts on. */
	public record Result(Map<String, Object> figures, long errors, List<String> errorSamples, long lost,
			long duplicates) {
	}

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final String READ = "query($id: ID!) { blastRadius(ciIds: [$id], maxDepth: 3, limit: 500) "
			+ "{ totalImpacted truncated impacted { ci { id name class } depth state } } }";

	private static final String PAGE = "query($after: String) { cis(first: 20, after: $after, filter: {class: \"Server\"}) "
			+ "{ edges { cursor node { id name status } } } }";

	private final int port;

	private final Driver driver;

	private final Settings settings;

	private final String run = UUID.randomUUID().toString().substring(0, 6);

	private final AtomicLong errors = new AtomicLong();

	private final List<String> errorSamples = new CopyOnWriteArrayList<>();

	private final List<String> knownIds = new CopyOnWriteArrayList<>();

	public LoadDriver(int port, Driver driver, Settings settings) {
		this.port = port;
		this.driver = driver;
		this.settings = settings;
	}

	public Result run() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(settings.agents() + settings.readers());
		long end = System.nanoTime() + settings.duration().toNanos();
		List<Long> postMs = Collections.synchronizedList(new ArrayList<>());
		List<Long> readMs = Collections.synchronizedList(new ArrayList<>());
		ConcurrentLinkedQueue<String> snapshots = new ConcurrentLinkedQueue<>();
		AtomicLong items = new AtomicLong();
		long t0 = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int a = 0; a < settings.agents(); a++) {
			int agent = a;
			futures.add(pool.submit(() -> agent(agent, end, postMs, snapshots, items)));
		}
		for (int r = 0; r < settings.readers(); r++) {
			int reader = r;
			futures.add(pool.submit(() -> reader(reader, end, readMs)));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		pool.shutdown();
		double loadSeconds = (System.nanoTime() - t0) / 1e9;
		for (String id : snapshots) {
			awaitApplied(id);
		}
		double drainedSeconds = (System.nanoTime() - t0) / 1e9;
		long[] lostAndDuplicates = lostAndDuplicates();
		Map<String, Object> f = new LinkedHashMap<>();
		f.put("agents", settings.agents());
		f.put("readers", settings.readers());
		f.put("seconds", loadSeconds);
		f.put("snapshots", snapshots.size());
		f.put("itemsPosted", items.get());
		f.put("itemsAppliedPerSecond", items.get() / drainedSeconds);
		f.put("drainSeconds", drainedSeconds - loadSeconds);
		f.put("postP50Ms", percentile(postMs, 50));
		f.put("postP99Ms", percentile(postMs, 99));
		f.put("reads", readMs.size());
		f.put("readsPerSecond", readMs.size() / loadSeconds);
		f.put("readP50Ms", percentile(readMs, 50));
		f.put("readP99Ms", percentile(readMs, 99));
		f.put("errors", errors.get());
		f.put("lostCis", lostAndDuplicates[0]);
		f.put("duplicateCis", lostAndDuplicates[1]);
		return new Result(f, errors.get(), List.copyOf(errorSamples), lostAndDuplicates[0], lostAndDuplicates[1]);
	}

	/** Servers of agent a: [a * k/2, a * k/2 + k), so agents a and a+1 share k/2 servers. */
	private int firstServer(int agent) {
		return agent * settings.serversPerAgent() / 2;
	}

	private int serverCount() {
		return firstServer(settings.agents() - 1) + settings.serversPerAgent();
	}

	private Void agent(int agent, long end, List<Long> postMs, ConcurrentLinkedQueue<String> snapshots,
			AtomicLong items) {
		int round = 0;
		while (System.nanoTime() < end) {
			List<Object> list = new ArrayList<>();
			List<Object> rels = new ArrayList<>();
			int from = firstServer(agent);
			for (int i = from; i < from + settings.serversPerAgent(); i++) {
				list.add(item("s" + i, "Server", Map.of("serialNumber", "LOAD-" + run + "-" + i),
						Map.of("name", "load-" + run + "-srv-" + i, "cpuCount", 2 + round % 8)));
				list.add(item("a" + i, "Application", Map.of("uid", "load-" + run + "-app-" + i),
						Map.of("name", "load-" + run + "-app-" + i, "version", "1." + round)));
				rels.add(Map.of("type", "RUNS_ON", "from", "a" + i, "to", "s" + i));
				if (i % 10 == 0) {
					list.add(item("v" + i, "ApplicationService", Map.of("name", "load-" + run + "-svc-" + i),
							Map.of("name", "load-" + run + "-svc-" + i)));
				}
				rels.add(Map.of("type", "DEPENDS_ON", "from", "v" + (i - i % 10), "to", "a" + i));
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("source", "host-agent-load-" + run + "-" + agent);
			body.put("mode", "DELTA");
			body.put("collectedAt", Instant.now().toString());
			body.put("items", list);
			java.util.Set<Object> refs = new java.util.HashSet<>();
			list.forEach(i -> refs.add(((Map<?, ?>) i).get("ref")));
			body.put("relationships", rels.stream().filter(r -> refs.contains(((Map<?, ?>) r).get("from"))).toList());
			long t = System.nanoTime();
			try {
				HttpResponse<String> r = send("/api/v1/snapshots", Json.MAPPER.writeValueAsBytes(body));
				postMs.add((System.nanoTime() - t) / 1_000_000);
				if (r.statusCode() != 202) {
					error("post " + r.statusCode() + " " + r.body());
				}
				else {
					snapshots.add(Json.MAPPER.readTree(r.body()).get("snapshotId").asString());
					items.addAndGet(list.size());
				}
			}
			catch (Exception ex) {
				error("post " + ex);
			}
			round++;
			try {
				Thread.sleep(settings.pause().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return null;
	}

	private Void reader(int reader, long end, List<Long> readMs) {
		Random random = new Random(reader);
		while (System.nanoTime() < end) {
			long t = System.nanoTime();
			try {
				boolean blast = !knownIds.isEmpty() && random.nextInt(4) != 0;
				Map<String, Object> vars = new LinkedHashMap<>();
				if (blast) {
					vars.put("id", knownIds.get(random.nextInt(knownIds.size())));
				}
				HttpResponse<String> r = send("/graphql",
						Json.MAPPER.writeValueAsBytes(Map.of("query", blast ? READ : PAGE, "variables", vars)));
				readMs.add((System.nanoTime() - t) / 1_000_000);
				JsonNode n = Json.MAPPER.readTree(r.body());
				if (r.statusCode() != 200 || n.has("errors")) {
					error("read " + r.statusCode() + " " + r.body());
				}
				else if (!blast && knownIds.size() < 5_000) {
					n.get("data").get("cis").get("edges").forEach(e -> knownIds.add(e.get("node").get("id").asString()));
				}
			}
			catch (Exception ex) {
				error("read " + ex);
			}
		}
		return null;
	}

	private HttpResponse<String> send(String path, byte[] body) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (settings.token() != null) {
			b.header("Authorization", "Bearer " + settings.token());
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void awaitApplied(String id) throws Exception {
		long deadline = System.currentTimeMillis() + 600_000;
		while (true) {
			HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/snapshots/"
					+ id + "?limit=10000"));
			if (settings.token() != null) {
				b.header("Authorization", "Bearer " + settings.token());
			}
			JsonNode s = Json.MAPPER.readTree(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
			String status = s.get("status").asString();
			if (status.equals("COMPLETED")) {
				for (JsonNode r : s.get("results")) {
					if (r.get("operation").asString().equals("REJECTED")) {
						error("rejected in " + id + ": " + r);
					}
				}
				return;
			}
			if (status.equals("FAILED") || System.currentTimeMillis() > deadline) {
				error("snapshot " + id + " " + status + ": " + s.path("error").asString(""));
				return;
			}
			Thread.sleep(20);
		}
	}

	/** [expected CIs that are missing, expected CIs present more than once]. */
	private long[] lostAndDuplicates() {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < serverCount(); i++) {
			names.add("load-" + run + "-srv-" + i);
			names.add("load-" + run + "-app-" + i);
			if (i % 10 == 0) {
				names.add("load-" + run + "-svc-" + i);
			}
		}
		try (Session s = driver.session()) {
			var r = s.run("""
					UNWIND $names AS name
					OPTIONAL MATCH (c:CI {name: name})
					WITH name, count(c) AS n
					RETURN sum(CASE WHEN n = 0 THEN 1 ELSE 0 END) AS lost, sum(CASE WHEN n > 1 THEN 1 ELSE 0 END) AS dup""",
					Map.of("names", names)).single();
			return new long[] { r.get("lost").asLong(), r.get("dup").asLong() };
		}
	}

	private void error(String what) {
		errors.incrementAndGet();
		if (errorSamples.size() < 10) {
			errorSamples.add(what.length() > 500 ? what.substring(0, 500) : what);
		}
	}

	private static Map<String, Object> item(String ref, String cls, Map<String, Object> ids, Map<String, Object> attrs) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("ref", ref);
		m.put("class", cls);
		m.put("identifiers", ids);
		m.put("attributes", attrs);
		return m;
	}

	static double percentile(List<Long> values, int p) {
		if (values.isEmpty()) {
			return 0;
		}
		List<Long> sorted;
		synchronized (values) {
			sorted = new ArrayList<>(values);
		}
		Collections.sort(sorted);
		int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
	}

}
