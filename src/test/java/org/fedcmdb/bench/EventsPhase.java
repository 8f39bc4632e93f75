package org.fedcmdb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import org.fedcmdb.agents.Snapshot;
import org.fedcmdb.agents.SnapshotPoster;
import org.fedcmdb.graph.Json;
import tools.jackson.databind.JsonNode;

/**
 * What events cost and how fast they leave: ingestion of a fresh estate without and then with one active webhook
 * subscription (all events, batches of 100) to a local receiver, the delivery throughput in events/s and the lag from
 * an event's occurrence to its receipt (p50, p99). (Events switched off entirely: run the benchmark with
 * --events-off and compare its ingest figure.)
 */
final class EventsPhase {

	private final int port;

	private final HttpClient http;

	private final SnapshotPoster poster;

	private final List<Long> lagsMs = Collections.synchronizedList(new ArrayList<>());

	private final AtomicLong maxSequence = new AtomicLong();

	private final AtomicLong delivered = new AtomicLong();

	private volatile long firstReceipt;

	private volatile long lastReceipt;

	EventsPhase(int port, HttpClient http) {
		this.port = port;
		this.http = http;
		this.poster = new SnapshotPoster(URI.create("http://127.0.0.1:" + port), null, line -> {
		});
	}

	Map<String, Object> run(int cis, long seed) throws Exception {
		double without = ingest(EstateGenerator.generate(cis, seed + 101), "terraform-events-a");
		HttpServer receiver = receiver();
		try {
			String subscription = subscribe("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
			long t0 = System.currentTimeMillis();
			double with = ingest(EstateGenerator.generate(cis, seed + 202), "terraform-events-b");
			long last = feedLast();
			long deadline = System.currentTimeMillis() + 600_000;
			while (maxSequence.get() < last && System.currentTimeMillis() < deadline) {
				Thread.sleep(100);
			}
			long drained = System.currentTimeMillis();
			graphql("mutation($id: ID!) { deleteSubscription(id: $id) }", Map.of("id", subscription));
			List<Long> lags = new ArrayList<>(lagsMs);
			Collections.sort(lags);
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("cisPerIngest", cis);
			m.put("ingestCisPerSecondWithoutSubscription", without);
			m.put("ingestCisPerSecondWithSubscription", with);
			m.put("ratioWithSubscription", with / without);
			m.put("eventsDelivered", delivered.get());
			m.put("drainedSeconds", (drained - t0) / 1000.0);
			m.put("deliveryEventsPerSecond", lastReceipt > firstReceipt
					? delivered.get() * 1000.0 / (lastReceipt - firstReceipt) : 0);
			m.put("lagP50Ms", percentile(lags, 0.50));
			m.put("lagP99Ms", percentile(lags, 0.99));
			m.put("allDelivered", maxSequence.get() >= last);
			return m;
		}
		finally {
			receiver.stop(0);
		}
	}

	private double ingest(EstateGenerator.Estate estate, String source) throws Exception {
		Snapshot s = new Snapshot(source, "events", "FULL", true, Instant.now().minusSeconds(60));
		estate.cis().forEach(c -> s.item(c.ref(), c.className(), c.identifiers(), c.attributes()));
		estate.edges().forEach(e -> s.rel(e.type(), e.from(), e.to()));
		long t0 = System.nanoTime();
		poster.await(poster.post(s), Duration.ofHours(1));
		return estate.cis().size() / ((System.nanoTime() - t0) / 1e9);
	}

	/** Counts events and their lag; the signature is checked by the test suite, not here (this measures speed). */
	private HttpServer receiver() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		server.createContext("/", ex -> {
			try (InputStream in = ex.getRequestBody()) {
				JsonNode body = Json.MAPPER.readTree(in.readAllBytes());
				long now = System.currentTimeMillis();
				if (firstReceipt == 0) {
					firstReceipt = now;
				}
				lastReceipt = now;
				for (JsonNode e : body.get("events")) {
					lagsMs.add(now - Instant.parse(e.get("occurredAt").asString()).toEpochMilli());
					maxSequence.accumulateAndGet(e.get("sequence").asLong(), Math::max);
					delivered.incrementAndGet();
				}
				ex.sendResponseHeaders(204, -1);
			}
			finally {
				ex.close();
			}
		});
		server.start();
		return server;
	}

	private String subscribe(String url) throws Exception {
		JsonNode r = graphql("mutation($in: SubscriptionInput!) { createSubscription(input: $in) { subscription { id } } }",
				Map.of("in", Map.of("url", url, "maxBatch", 100)));
		return r.get("data").get("createSubscription").get("subscription").get("id").asString();
	}

	private long feedLast() throws Exception {
		return Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ "/api/v1/events?after=latest&limit=1")).build(), HttpResponse.BodyHandlers.ofString()).body())
			.get("last").asLong();
	}

	private JsonNode graphql(String query, Map<String, Object> variables) throws Exception {
		String body = Json.write(Map.of("query", query, "variables", variables));
		JsonNode r = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString()).body());
		if (r.has("errors")) {
			throw new IllegalStateException(r.get("errors").toString());
		}
		return r;
	}

	private static double percentile(List<Long> sorted, double p) {
		return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
	}

}
