package org.fedcmdb.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Pushes events to subscriptions, in sequence order per subscription, at least once: a subscription's cursor moves
 * only after its receiver answered 2xx (or the event was dead-lettered after the whole retry schedule), and the state
 * is in Neo4j, so a restart or a crash resumes where it was and a retry carries the same {@code webhook-id}. Each
 * subscription is delivered by one instance at a time (a lease on the subscription) and by its own task, so a slow
 * receiver delays only itself, never ingestion or other subscribers.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

	private final Driver driver;

	private final CypherCatalog cypher;

	private final EventSelection selection;

	private final Subscriptions subscriptions;

	private final EventProperties properties;

	private final MeterRegistry metrics;

	private final WebhookSender sender;

	private final DeliveryPolicy policy;

	private final String me = "dispatcher-" + UUID.randomUUID();

	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	private final Map<String, Double> lagSeconds = new ConcurrentHashMap<>();

	private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
		Thread t = new Thread(r, "fedcmdb-webhooks");
		t.setDaemon(true);
		return t;
	});

	private volatile boolean running;

	private Thread loop;

	WebhookDispatcher(Driver driver, CypherCatalog cypher, EventFeed feed, Subscriptions subscriptions,
			EventProperties properties, ClassCatalogue catalogue, MeterRegistry metrics) {
		this.driver = driver;
		this.cypher = cypher;
		this.selection = new EventSelection(feed, catalogue);
		this.subscriptions = subscriptions;
		this.properties = properties;
		this.metrics = metrics;
		this.sender = new WebhookSender(properties.timeout());
		this.policy = new DeliveryPolicy(properties.retrySchedule(), properties.disableAfter(), WebhookDispatcher::jitter);
	}

	@Override
	public void start() {
		running = true;
		loop = new Thread(this::loop, "fedcmdb-webhook-dispatch");
		loop.setDaemon(true);
		loop.start();
	}

	@Override
	public void stop() {
		running = false;
		pool.shutdownNow();
		try {
			pool.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 200; // stops before the ingest worker and the driver
	}

	private void loop() {
		while (running) {
			try {
				List<String> due;
				try (Session s = driver.session()) {
					due = s.executeRead(tx -> tx.run(cypher.get("subscription-due"), Map.of("now",
							System.currentTimeMillis(), "me", me, "limit", 100)).list(r -> r.get("id").asString()));
				}
				for (String id : due) {
					if (inFlight.add(id)) {
						pool.submit(() -> {
							try {
								deliverNext(id);
							}
							catch (RuntimeException ex) {
								log.warn("Webhook delivery of subscription {} failed: {}", id, ex.toString());
							}
							finally {
								inFlight.remove(id);
							}
						});
					}
				}
			}
			catch (RuntimeException ex) {
				if (running) {
					log.debug("Webhook dispatch round failed: {}", ex.toString());
				}
			}
			sleep(properties.deliveryPoll().toMillis());
		}
	}

	/**
	 * Delivers one subscription's events after its cursor, batch after batch while the receiver takes them (for up to
	 * 20 s, then other subscriptions get their turn); a failure ends the turn until the next attempt is due.
	 */
	void deliverNext(String id) {
		long start = System.currentTimeMillis();
		try {
			while (running && System.currentTimeMillis() - start < 20_000) {
				Map<String, Object> sub = claim(id);
				if (sub == null || !deliverOnce(sub)) {
					return;
				}
			}
		}
		finally {
			write("subscription-release", Map.of("id", id, "me", me));
		}
	}

	private Map<String, Object> claim(String id) {
		long now = System.currentTimeMillis();
		try (Session s = driver.session()) {
			var rows = s.executeWrite(tx -> tx.run(cypher.get("subscription-claim"), Map.of("id", id, "me", me, "now", now,
					"until", now + properties.timeout().toMillis() * 2 + 30_000)).list());
			return rows.isEmpty() ? null : rows.get(0).get("subscription").asMap();
		}
	}

	/** One attempt; true when it delivered (or skipped) and more events may wait. */
	private boolean deliverOnce(Map<String, Object> sub) {
		String id = (String) sub.get("id");
		long now = System.currentTimeMillis();
		if (((Number) sub.get("nextAttemptAt")).longValue() > now) {
			return false;
		}
		EventSelection.Pending p = selection.next(sub);
		if (p.expired() != null) {
			record(sub, p, new WebhookSender.Outcome("EXPIRED", 0, 0, p.expired(), null, null), System.currentTimeMillis());
			return false;
		}
		if (p.events().isEmpty()) {
			write("subscription-skip", Map.of("id", id, "me", me, "cursor", p.through(), "generation", generation(sub)));
			lagSeconds.put(id, 0.0);
			return false;
		}
		EventSink sink = subscriptions.sink((String) sub.get("format"));
		WebhookSender.Outcome outcome = sink == null ? sender.send(subscriptions.targets(), sub, p.events(), now)
				: viaSink(sink, sub, p.events().get(0));
		record(sub, p, outcome, now);
		return outcome.outcome().equals("DELIVERED");
	}

	private void record(Map<String, Object> sub, EventSelection.Pending p, WebhookSender.Outcome o, long now) {
		String id = (String) sub.get("id");
		// delays count from the answer (Retry-After is relative to it), not from when the request was sent
		DeliveryPolicy.Decision d = policy.decide(((Number) sub.get("attempt")).intValue(),
				((Number) sub.get("consecutiveFailures")).intValue(), p.through(), o, now + o.latencyMs());
		String outcome = d.outcome();
		Long nextAttempt = d.nextAttemptAt();
		int attempt = d.attempt();
		Map<String, Object> props = d.props();
		Map<String, Object> logEntry = new LinkedHashMap<>();
		logEntry.put("id", "dlv_" + UUID.randomUUID().toString().replace("-", ""));
		logEntry.put("at", now);
		logEntry.put("messageId", o.messageId());
		logEntry.put("eventIds", p.events().stream().map(e -> (String) e.get("id")).toList());
		logEntry.put("firstSequence", p.events().isEmpty() ? null : p.events().get(0).get("sequence"));
		logEntry.put("lastSequence", p.events().isEmpty() ? p.through() : p.events().get(p.events().size() - 1).get("sequence"));
		logEntry.put("attempt", attempt);
		logEntry.put("status", o.status());
		logEntry.put("outcome", outcome);
		logEntry.put("latencyMs", o.latencyMs());
		logEntry.put("error", o.error());
		logEntry.put("nextAttemptAt", nextAttempt);
		write("subscription-advance", Map.of("id", id, "me", me, "props", props, "log", logEntry, "generation",
				generation(sub)));
		Counter.builder("fedcmdb.webhook.deliveries").tag("outcome", outcome).description("Webhook delivery attempts")
			.register(metrics).increment();
		lag(id, p, now, outcome);
	}

	private void lag(String id, EventSelection.Pending p, long now, String outcome) {
		if (!lagSeconds.containsKey(id)) {
			Gauge.builder("fedcmdb.webhook.delivery.lag", lagSeconds, m -> m.getOrDefault(id, 0.0)).tag("subscription", id)
				.baseUnit("seconds").description("Age of the oldest event not yet delivered to the subscription")
				.register(metrics);
		}
		double lag = 0;
		if (!p.events().isEmpty() && !outcome.equals("DELIVERED") && !outcome.equals("DEAD_LETTERED")) {
			lag = (now - java.time.Instant.parse((String) p.events().get(0).get("occurredAt")).toEpochMilli()) / 1000.0;
		}
		lagSeconds.put(id, lag);
	}

	/** One event through a connector; the URL is checked against the allowed targets like a webhook's. */
	private WebhookSender.Outcome viaSink(EventSink sink, Map<String, Object> sub, Map<String, Object> event) {
		String eventId = (String) event.get("id");
		try {
			subscriptions.targets().check((String) sub.get("url"));
		}
		catch (EventException ex) {
			return new WebhookSender.Outcome("FAILED", 0, 0, ex.code() + ": " + ex.getMessage(), null, eventId);
		}
		Map<String, String> settings = new LinkedHashMap<>();
		org.fedcmdb.graph.Json.readMap((String) sub.getOrDefault("settings", "{}"))
			.forEach((k, v) -> settings.put(k, v == null ? null : String.valueOf(v)));
		settings.put("url", (String) sub.get("url"));
		try {
			EventSink.Delivery d = sink.deliver(settings, event);
			return new WebhookSender.Outcome(d.outcome(), d.status(), d.latencyMs(), d.error(), d.retryAfterMs(), eventId);
		}
		catch (RuntimeException ex) {
			return new WebhookSender.Outcome("FAILED", 0, 0, sink.format() + " connector failed: " + ex, null, eventId);
		}
	}

	private static long generation(Map<String, Object> sub) {
		return sub.get("generation") instanceof Number n ? n.longValue() : 0;
	}

	/** Up to ±20% so that receivers that failed together are not retried together. */
	private static long jitter(long ms) {
		return ms == 0 ? 0 : (long) (ms * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
	}

	private void write(String query, Map<String, Object> params) {
		try (Session s = driver.session()) {
			s.executeWriteWithoutResult(tx -> tx.run(cypher.get(query), params).consume());
		}
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
