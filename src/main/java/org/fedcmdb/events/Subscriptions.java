package org.fedcmdb.events;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.springframework.stereotype.Service;

/**
 * Webhook subscriptions, kept in Neo4j (every instance sees them; delivery state survives restarts): create, update,
 * pause, resume, delete, rotate the signing secret, replay. A secret ({@code whsec_} + base64 of 32 random bytes) is
 * returned once, when created or rotated.
 */
@Service
public class Subscriptions {

	static final int MAX_BATCH = 1_000;

	static final int MAX_FILTER = 50;

	private final Driver driver;

	private final CypherCatalog cypher;

	private final WebhookTargets targets;

	private final EventFeed feed;

	private final SubscriptionInputs inputs;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, EventSink> sinks = new java.util.TreeMap<>();

	Subscriptions(Driver driver, CypherCatalog cypher, ClassCatalogue catalogue, EventProperties properties,
			EventFeed feed, List<EventSink> sinks) {
		sinks.forEach(k -> this.sinks.put(k.format(), k));
		this.driver = driver;
		this.cypher = cypher;
		this.feed = feed;
		this.targets = new WebhookTargets(properties.allowedTargets());
		this.inputs = new SubscriptionInputs(targets, catalogue);
	}

	/** What an administrator sets. */
	public record Input(String url, List<String> types, List<String> classes, Integer maxBatch, String description) {
	}

	/** A subscription and, once, its secret. */
	public record WithSecret(Subscription subscription, String secret) {
	}

	WebhookTargets targets() {
		return targets;
	}

	/** The connector a subscription of {@code format} is delivered by; null for Standard Webhooks. */
	EventSink sink(String format) {
		return format == null || format.equals(STANDARD_WEBHOOKS) ? null : sinks.get(format);
	}

	static final String STANDARD_WEBHOOKS = "standard-webhooks";

	/**
	 * Creates or updates a subscription kept in configuration; a mistake is an {@link EventException} naming it.
	 * @return the subscription
	 */
	public Subscription upsertConfigured(EventProperties.Configured c) {
		if (c.name() == null || !c.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
			throw new EventException(400, "INVALID_SUBSCRIPTION_CONFIG",
					"a configured subscription needs a name of 1-64 letters, digits, '_', '.', '-'");
		}
		String format = c.format() == null ? STANDARD_WEBHOOKS : c.format();
		if (!format.equals(STANDARD_WEBHOOKS)) {
			return upsertConnector(c, format);
		}
		if (c.secret() == null || !c.secret().startsWith("whsec_") || decodedLength(c.secret()) < 24
				|| decodedLength(c.secret()) > 64) {
			throw new EventException(400, "INVALID_SUBSCRIPTION_CONFIG", "subscription " + c.name()
					+ ": secret must be whsec_ followed by the base64 of 24 to 64 random bytes");
		}
		Map<String, Object> props = inputs.validated(new Input(c.url(), c.types(), c.classes(), c.maxBatch(), c.description()));
		props.put("format", STANDARD_WEBHOOKS);
		props.put("secret", c.secret());
		props.put("configured", true);
		return one("subscription-upsert-configured", Map.of("id", "cfg_" + c.name(), "props", props, "now",
				System.currentTimeMillis()));
	}

	/** A connector (ServiceNow, PagerDuty): its sink checks the settings; one event per request, its types only. */
	private Subscription upsertConnector(EventProperties.Configured c, String format) {
		EventSink sink = sinks.get(format);
		if (sink == null) {
			throw new EventException(400, "INVALID_SUBSCRIPTION_CONFIG", "subscription " + c.name() + ": unknown format '"
					+ SubscriptionInputs.abbreviate(format) + "' (one of " + STANDARD_WEBHOOKS + ", " + String.join(", ", sinks.keySet()) + ")");
		}
		if (c.maxBatch() != 1) {
			throw new EventException(400, "INVALID_SUBSCRIPTION_CONFIG", "subscription " + c.name() + ": a " + format
					+ " connector takes one event per request (max-batch 1)");
		}
		List<String> types = c.types().isEmpty() ? List.copyOf(new java.util.TreeSet<>(sink.types())) : c.types();
		if (!sink.types().containsAll(types)) {
			throw new EventException(400, "INVALID_SUBSCRIPTION_CONFIG", "subscription " + c.name() + ": a " + format
					+ " connector delivers only " + new java.util.TreeSet<>(sink.types()));
		}
		try {
			sink.check(c.settings());
		}
		catch (EventException ex) {
			throw new EventException(400, "INVALID_SUBSCRIPTION_CONFIG", "subscription " + c.name() + ": " + ex.getMessage());
		}
		Map<String, Object> props = inputs.validated(new Input(c.url(), types, c.classes(), 1, c.description()));
		props.put("format", format);
		props.put("settings", org.fedcmdb.graph.Json.write(new java.util.TreeMap<>(c.settings())));
		props.put("secret", null);
		props.put("configured", true);
		return one("subscription-upsert-configured", Map.of("id", "cfg_" + c.name(), "props", props, "now",
				System.currentTimeMillis()));
	}

	private static int decodedLength(String secret) {
		try {
			return Base64.getDecoder().decode(secret.substring("whsec_".length())).length;
		}
		catch (IllegalArgumentException ex) {
			return -1;
		}
	}

	public WithSecret create(Input in) {
		Map<String, Object> props = inputs.validated(in);
		String secret = newSecret();
		props.put("id", "sub_" + UUID.randomUUID().toString().replace("-", ""));
		props.put("status", "ACTIVE");
		props.put("secret", secret);
		props.put("createdAt", System.currentTimeMillis());
		return new WithSecret(one("subscription-create", Map.of("props", props)), secret);
	}

	public Subscription update(String id, Input in) {
		get(id);
		return one("subscription-update", Map.of("id", id, "props", inputs.validated(in)));
	}

	public Subscription pause(String id) {
		get(id);
		return set(id, Map.of("status", "PAUSED"));
	}

	/** Resumes a paused or disabled subscription where its cursor is; failures start counting again. */
	public Subscription resume(String id) {
		get(id);
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("status", "ACTIVE");
		p.put("disabledReason", null);
		p.put("consecutiveFailures", 0);
		p.put("attempt", 0);
		p.put("nextAttemptAt", 0);
		return set(id, p);
	}

	public boolean delete(String id) {
		try (Session s = driver.session()) {
			return s.executeWrite(tx -> tx.run(cypher.get("subscription-delete"), Map.of("id", id)).single()
				.get("deleted").asInt()) > 0;
		}
	}

	/**
	 * A new secret; the old one keeps signing beside it for {@code grace} (both in webhook-signature). The old secret
	 * is moved in the statement that writes the new one, so two rotations at once cannot lose the current secret.
	 */
	public WithSecret rotate(String id, Duration grace) {
		get(id);
		if (grace.isNegative() || grace.compareTo(Duration.ofDays(7)) > 0) {
			throw new EventException(400, "INVALID_GRACE", "the grace period is 0 to 7 days");
		}
		String secret = newSecret();
		long now = System.currentTimeMillis();
		return new WithSecret(one("subscription-rotate", Map.of("id", id, "secret", secret, "until",
				now + grace.toMillis(), "now", now)), secret);
	}

	/** Re-sends from a sequence (inclusive) or from the first event at or after a time. */
	public Subscription replay(String id, Long fromSequence, Long fromTime) {
		get(id);
		if ((fromSequence == null) == (fromTime == null)) {
			throw new EventException(400, "INVALID_REPLAY", "give exactly one of fromSequence and fromTime");
		}
		EventFeed.State st = feed.state();
		long from = fromSequence != null ? fromSequence : firstAt(fromTime, st.last() + 1);
		if (from < 1 || from - 1 > st.last()) {
			throw new EventException(400, "INVALID_REPLAY", "fromSequence must be 1 to " + (st.last() + 1));
		}
		if (from - 1 < st.purgedThrough()) {
			throw new EventException(410, "CURSOR_EXPIRED", "events before " + (st.purgedThrough() + 1)
					+ " are past the retention; replay from there at the earliest");
		}
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("cursor", from - 1);
		p.put("attempt", 0);
		p.put("nextAttemptAt", 0);
		return set(id, p);
	}

	private long firstAt(long at, long none) {
		try (Session s = driver.session()) {
			var v = s.executeRead(tx -> tx.run(cypher.get("events-first-at"), Map.of("at", at)).single().get("first"));
			return v.isNull() ? none : v.asLong();
		}
	}

	public Subscription get(String id) {
		List<Record> r = read("subscription-get", Map.of("id", id == null ? "" : id));
		if (r.isEmpty()) {
			throw new EventException(404, "SUBSCRIPTION_NOT_FOUND", "no subscription " + id);
		}
		return Subscription.of(r.get(0).get("subscription"));
	}

	public List<Subscription> list() {
		return read("subscription-list", Map.of()).stream().map(r -> Subscription.of(r.get("subscription"))).toList();
	}

	/** The newest {@code first} (1 to 500) delivery attempts, newest first. */
	public List<Delivery> deliveries(String id, int first) {
		get(id);
		return read("subscription-deliveries", Map.of("id", id, "first", Math.max(1, Math.min(first, 500)))).stream()
			.map(r -> Delivery.of(r.get("delivery"))).toList();
	}

	private String newSecret() {
		byte[] key = new byte[32];
		random.nextBytes(key);
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

	private Subscription set(String id, Map<String, Object> props) {
		return one("subscription-update", Map.of("id", id, "props", props));
	}

	private Subscription one(String query, Map<String, Object> params) {
		try (Session s = driver.session()) {
			return s.executeWrite(tx -> Subscription.of(tx.run(cypher.get(query), params).single().get("subscription")));
		}
	}

	private List<Record> read(String query, Map<String, Object> params) {
		try (Session s = driver.session()) {
			return new ArrayList<>(s.executeRead(tx -> tx.run(cypher.get(query), params).list()));
		}
	}

}
