package org.fedcmdb.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks to a real HTTP receiver on this machine, every request verified with the Standard Webhooks reference
 * library, under failure injection. The retry schedule is compressed to 0s, 300ms, 1s, 2s, 3s for the tests.
 */
class WebhookIntegrationTests extends IntegrationTestSupport {

	static final String CREATE = "mutation($in: SubscriptionInput!) { createSubscription(input: $in) { secret "
			+ "subscription { id status cursor types classes maxBatch } } }";

	final List<WebhookReceiver> receivers = new ArrayList<>();

	@AfterEach
	void removeSubscriptions() {
		token = ADMIN_TOKEN;
		data("{ subscriptions { id } }").get("subscriptions")
			.forEach(s -> data("mutation($id: ID!) { deleteSubscription(id: $id) }", "id", s.get("id").asString()));
		receivers.forEach(WebhookReceiver::stop);
	}

	private WebhookReceiver receiver() throws Exception {
		WebhookReceiver r = WebhookReceiver.start(0);
		receivers.add(r);
		return r;
	}

	/** Subscribes to Database creations only: no scheduled agent of the test context produces those. */
	private JsonNode subscribe(WebhookReceiver r, Map<String, Object> extra) {
		Map<String, Object> in = new java.util.HashMap<>(Map.of("url", r.url(), "types", List.of("ci.created"),
				"classes", List.of("Database")));
		in.putAll(extra);
		return data(CREATE, "in", in).get("createSubscription");
	}

	private JsonNode databases(String u, int n) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			items.add(item("d" + i, "Database", Map.of("name", "db" + i + "-" + u), attrs("engine", "postgres")));
		}
		return ingest(snapshot("declared", "DELTA", Instant.now(), items, List.of()));
	}

	private static void await(String what, BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
			sleep(50);
		}
	}

	private static JsonNode verified(WebhookReceiver.Received req, String secret) throws Exception {
		new Webhook(secret).verify(req.body(), req.headers());
		return Json.MAPPER.readTree(req.body());
	}

	private JsonNode deliveries(String id) {
		return data("query($id: ID!) { deliveries(subscriptionId: $id, first: 50) { messageId eventIds attempt status "
				+ "outcome latencyMs error firstSequence lastSequence } }", "id", id).get("deliveries");
	}

	private JsonNode subscription(String id) {
		for (JsonNode s : data("{ subscriptions { id status disabledReason cursor lastError } }").get("subscriptions")) {
			if (s.get("id").asString().equals(id)) {
				return s;
			}
		}
		throw new AssertionError("no subscription " + id);
	}

	@Test
	void eventsArriveSignedFilteredAndInSequenceOrder() throws Exception {
		WebhookReceiver r = receiver();
		JsonNode sub = subscribe(r, Map.of());
		String secret = sub.get("secret").asString();
		assertThat(secret).startsWith("whsec_");
		String u = unique();
		ingest(snapshot("declared", "DELTA", Instant.now(), List.of(
				item("d0", "Database", Map.of("name", "db0-" + u), attrs()),
				item("s", "BusinessService", Map.of("name", "svc-" + u), attrs()),
				item("d1", "Database", Map.of("name", "db1-" + u), attrs()),
				item("d2", "Database", Map.of("name", "db2-" + u), attrs())), List.of()));
		await("three deliveries", () -> r.received.size() >= 3, Duration.ofSeconds(20));
		sleep(300);
		assertThat(r.received).hasSize(3);
		long last = 0;
		for (WebhookReceiver.Received req : r.received) {
			JsonNode e = verified(req, secret);
			assertThat(e.get("type").asString()).isEqualTo("ci.created");
			assertThat(e.get("subject").get("class").asString()).isEqualTo("Database");
			assertThat(req.header("webhook-id")).isEqualTo(e.get("id").asString());
			assertThat(e.get("sequence").asLong()).isGreaterThan(last);
			last = e.get("sequence").asLong();
			assertThat(Long.parseLong(req.header("webhook-timestamp"))).isCloseTo(Instant.now().getEpochSecond(),
					org.assertj.core.data.Offset.offset(60L));
		}
		// a tampered body or another secret does not verify
		WebhookReceiver.Received one = r.received.get(0);
		assertThatThrownBy(() -> new Webhook(secret).verify(one.body().replace("Database", "Databasf"), one.headers()))
			.isInstanceOf(WebhookVerificationException.class);
		assertThat(deliveries(sub.get("subscription").get("id").asString()))
			.allSatisfy(d -> assertThat(d.get("outcome").asString()).isEqualTo("DELIVERED"));
	}

	@Test
	void failuresAndTimeoutsAreRetriedWithTheSameIdThenDelivered() throws Exception {
		WebhookReceiver r = receiver();
		r.script.add(WebhookReceiver.Answer.status(500));
		r.script.add(new WebhookReceiver.Answer(200, null, 3_000)); // beyond the 2 s timeout
		r.script.add(WebhookReceiver.Answer.status(302));
		JsonNode sub = subscribe(r, Map.of());
		String id = sub.get("subscription").get("id").asString();
		databases(unique(), 1);
		await("a delivery", () -> deliveries(id).findValuesAsString("outcome").contains("DELIVERED"), Duration.ofSeconds(30));
		JsonNode log = deliveries(id);
		List<String> outcomes = new ArrayList<>(log.findValuesAsString("outcome"));
		java.util.Collections.reverse(outcomes);
		assertThat(outcomes).containsExactly("FAILED", "FAILED", "FAILED", "DELIVERED");
		assertThat(log.findValuesAsString("error")).anySatisfy(e -> assertThat(e).contains("no answer within 2 s"))
			.anySatisfy(e -> assertThat(e).contains("HTTP 302").contains("redirects are not followed"));
		assertThat(r.received.stream().map(x -> x.header("webhook-id")).distinct()).hasSize(1);
		for (WebhookReceiver.Received req : r.received) {
			verified(req, sub.get("secret").asString());
		}
	}

	@Test
	void throttlingHonoursRetryAfter() throws Exception {
		WebhookReceiver r = receiver();
		r.script.add(new WebhookReceiver.Answer(429, "2", 0));
		JsonNode sub = subscribe(r, Map.of());
		databases(unique(), 1);
		await("two attempts", () -> r.received.size() >= 2, Duration.ofSeconds(20));
		long gap = r.received.get(1).at() - r.received.get(0).at();
		assertThat(gap).as("Retry-After: 2 honoured (the schedule alone says 300 ms)").isGreaterThanOrEqualTo(1_900);
		// the second attempt's outcome is recorded after the receiver answered it: waited for, not raced
		String id = sub.get("subscription").get("id").asString();
		await("the retry recorded as delivered",
				() -> deliveries(id).findValuesAsString("outcome").contains("DELIVERED"), Duration.ofSeconds(10));
		assertThat(deliveries(id).findValuesAsString("outcome")).contains("THROTTLED", "DELIVERED");
	}

	@Test
	void gone410DisablesTheSubscription() throws Exception {
		WebhookReceiver r = receiver();
		r.script.add(WebhookReceiver.Answer.status(410));
		JsonNode sub = subscribe(r, Map.of());
		String id = sub.get("subscription").get("id").asString();
		databases(unique(), 2);
		await("disabled", () -> subscription(id).get("status").asString().equals("DISABLED"), Duration.ofSeconds(20));
		assertThat(subscription(id).get("disabledReason").asString()).contains("410");
		sleep(500);
		assertThat(r.received).hasSize(1);
	}

	@Test
	void aReceiverDownForAWhileLosesNothingAndOrderIsKept() throws Exception {
		WebhookReceiver r = receiver();
		int port = r.port();
		JsonNode sub = subscribe(r, Map.of());
		r.stop();
		String u = unique();
		databases(u, 3);
		sleep(1_500); // attempts fail: connection refused
		WebhookReceiver back = WebhookReceiver.start(port);
		receivers.add(back);
		await("three events", () -> back.received.stream().map(x -> x.header("webhook-id")).distinct().count() >= 3,
				Duration.ofSeconds(30));
		List<String> names = new ArrayList<>();
		long last = 0;
		for (WebhookReceiver.Received req : back.received) {
			JsonNode e = verified(req, sub.get("secret").asString());
			assertThat(e.get("sequence").asLong()).isGreaterThanOrEqualTo(last);
			last = e.get("sequence").asLong();
			if (!names.contains(e.get("subject").get("name").asString())) {
				names.add(e.get("subject").get("name").asString());
			}
		}
		assertThat(names).containsExactly("db0-" + u, "db1-" + u, "db2-" + u);
		assertThat(deliveries(sub.get("subscription").get("id").asString()).findValuesAsString("outcome"))
			.contains("FAILED").doesNotContain("DEAD_LETTERED");
	}

	@Test
	void batchesCarryUpToMaxBatchEventsInOrder() throws Exception {
		WebhookReceiver r = receiver();
		JsonNode sub = subscribe(r, Map.of("maxBatch", 10));
		databases(unique(), 4);
		await("a batch", () -> !r.received.isEmpty(), Duration.ofSeconds(20));
		sleep(300);
		int total = 0;
		for (WebhookReceiver.Received req : r.received) {
			JsonNode batch = verified(req, sub.get("secret").asString());
			assertThat(batch.get("type").asString()).isEqualTo("batch");
			assertThat(req.header("webhook-id")).startsWith("msg_");
			total += batch.get("events").size();
		}
		assertThat(total).isEqualTo(4);
	}

	@Test
	void exhaustedRetriesAreDeadLetteredAndTheSubscriptionDisabledAfterARun() throws Exception {
		WebhookReceiver r = receiver();
		for (int i = 0; i < 20; i++) {
			r.script.add(WebhookReceiver.Answer.status(503));
		}
		JsonNode sub = subscribe(r, Map.of());
		String id = sub.get("subscription").get("id").asString();
		databases(unique(), 3);
		await("disabled", () -> subscription(id).get("status").asString().equals("DISABLED"), Duration.ofSeconds(40));
		assertThat(subscription(id).get("disabledReason").asString()).contains("2 deliveries in a row");
		List<String> outcomes = deliveries(id).findValuesAsString("outcome");
		assertThat(outcomes.stream().filter("DEAD_LETTERED"::equals)).hasSize(2);
		assertThat(r.received).hasSize(10); // 5 attempts for each of two events; the third waits
		// resumed, the third is delivered (the receiver answers 200 once its script runs out)
		r.script.clear();
		data("mutation($id: ID!) { resumeSubscription(id: $id) { status } }", "id", id);
		await("delivered", () -> deliveries(id).findValuesAsString("outcome").contains("DELIVERED"), Duration.ofSeconds(20));
	}

	@Test
	void aRotatedSecretSignsBesideTheOldOneDuringTheGracePeriod() throws Exception {
		WebhookReceiver r = receiver();
		JsonNode sub = subscribe(r, Map.of());
		String id = sub.get("subscription").get("id").asString();
		String oldSecret = sub.get("secret").asString();
		String newSecret = data("mutation($id: ID!) { rotateSubscriptionSecret(id: $id, graceSeconds: 3600) { secret } }",
				"id", id).get("rotateSubscriptionSecret").get("secret").asString();
		assertThat(newSecret).isNotEqualTo(oldSecret).startsWith("whsec_");
		databases(unique(), 1);
		await("a delivery", () -> r.received.size() >= 1, Duration.ofSeconds(20));
		WebhookReceiver.Received during = r.received.get(0);
		assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
		verified(during, oldSecret);
		verified(during, newSecret);
		data("mutation($id: ID!) { rotateSubscriptionSecret(id: $id, graceSeconds: 0) { secret } }", "id", id);
		String latest = data("mutation($id: ID!) { rotateSubscriptionSecret(id: $id, graceSeconds: 0) { secret } }", "id", id)
			.get("rotateSubscriptionSecret").get("secret").asString();
		databases(unique(), 1);
		await("a second delivery", () -> r.received.size() >= 2, Duration.ofSeconds(20));
		WebhookReceiver.Received after = r.received.get(1);
		verified(after, latest);
		assertThatThrownBy(() -> verified(after, newSecret)).isInstanceOf(WebhookVerificationException.class);
	}

	@Test
	void rotationsAtOnceKeepTheSecretEachReplacedBesideTheNewOne() throws Exception {
		String id = subscribe(receiver(), Map.of()).get("subscription").get("id").asString();
		for (int round = 0; round < 10; round++) {
			List<java.util.concurrent.CompletableFuture<String>> rotations = List.of(
					java.util.concurrent.CompletableFuture.supplyAsync(() -> subscriptions.rotate(id, Duration.ofHours(1)).secret()),
					java.util.concurrent.CompletableFuture.supplyAsync(() -> subscriptions.rotate(id, Duration.ofHours(1)).secret()));
			List<String> made = rotations.stream().map(java.util.concurrent.CompletableFuture::join).toList();
			org.neo4j.driver.Record stored = driver.executableQuery(
					"MATCH (s:Subscription {id: $id}) RETURN s.secret AS secret, s.previousSecret AS previous")
				.withParameters(Map.of("id", id)).execute().records().get(0);
			// the later rotation replaced the earlier one's secret, which keeps signing beside it: neither is lost
			assertThat(made).as("round %d", round)
				.containsExactlyInAnyOrder(stored.get("secret").asString(), stored.get("previous").asString());
		}
	}

	@Test
	void replayResendsWithTheSameIds() throws Exception {
		WebhookReceiver r = receiver();
		JsonNode sub = subscribe(r, Map.of());
		String id = sub.get("subscription").get("id").asString();
		databases(unique(), 2);
		await("two", () -> r.received.size() >= 2, Duration.ofSeconds(20));
		JsonNode first = verified(r.received.get(0), sub.get("secret").asString());
		data("mutation($id: ID!, $s: String) { replayEvents(subscriptionId: $id, fromSequence: $s) { cursor } }", "id", id,
				"s", first.get("sequence").asString());
		await("four", () -> r.received.size() >= 4, Duration.ofSeconds(20));
		assertThat(r.received.get(2).header("webhook-id")).isEqualTo(r.received.get(0).header("webhook-id"));
		assertThat(r.received.get(3).header("webhook-id")).isEqualTo(r.received.get(1).header("webhook-id"));
		// from a time: the same two again
		data("mutation($id: ID!, $t: DateTime) { replayEvents(subscriptionId: $id, fromTime: $t) { cursor } }", "id", id,
				"t", Instant.ofEpochMilli(r.received.get(0).at() - 60_000).toString());
		await("six", () -> r.received.size() >= 6, Duration.ofSeconds(20));
		// refused: neither or both of the bounds, a sequence not in the feed, a grace period over 7 days
		Map<String, String> refusals = Map.of(
				"mutation($id: ID!) { replayEvents(subscriptionId: $id) { id } }", "INVALID_REPLAY",
				"mutation($id: ID!) { replayEvents(subscriptionId: $id, fromSequence: \"1\", fromTime: \"2026-01-01T00:00:00Z\") { id } }",
				"INVALID_REPLAY",
				"mutation($id: ID!) { replayEvents(subscriptionId: $id, fromSequence: \"999999999999\") { id } }", "INVALID_REPLAY",
				"mutation($id: ID!) { replayEvents(subscriptionId: $id, fromSequence: \"x1\") { id } }", "INVALID_REPLAY",
				"mutation($id: ID!) { rotateSubscriptionSecret(id: $id, graceSeconds: 999999999) { secret } }", "INVALID_GRACE");
		refusals.forEach((q, code) -> assertThat(graphql(q, Map.of("id", id)).get("errors").get(0).get("extensions")
			.get("code").asString()).as(q).isEqualTo(code));
	}

	@org.springframework.beans.factory.annotation.Autowired
	Subscriptions subscriptions;

	@Test
	void aSubscriptionFromConfigurationDeliversWithItsConfiguredSecret() throws Exception {
		WebhookReceiver r = receiver();
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(key);
		EventProperties.Configured c = new EventProperties.Configured("itsm", r.url(), List.of("ci.created"),
				List.of("Database"), 1, secret, "from application.yml", "standard-webhooks", Map.of());
		new ConfiguredSubscriptions(props(c), subscriptions).afterSingletonsInstantiated();
		new ConfiguredSubscriptions(props(c), subscriptions).afterSingletonsInstantiated(); // a restart: same one
		assertThat(data("{ subscriptions { id } }").get("subscriptions").findValuesAsString("id"))
			.containsOnlyOnce("cfg_itsm");
		databases(unique(), 1);
		await("a delivery", () -> !r.received.isEmpty(), Duration.ofSeconds(20));
		verified(r.received.get(0), secret);
		// mistakes stop start-up with one coded line
		EventProperties.Configured badSecret = new EventProperties.Configured("bad", r.url(), List.of(), List.of(), 1,
				"not-a-secret", null, "standard-webhooks", Map.of());
		assertThatThrownBy(() -> new ConfiguredSubscriptions(props(badSecret), subscriptions).afterSingletonsInstantiated())
			.isInstanceOf(org.fedcmdb.graph.StartupException.class).hasMessageContaining("subscriptions[0] 'bad'")
			.hasMessageContaining("whsec_");
		EventProperties.Configured ssrf = new EventProperties.Configured("meta", "http://169.254.169.254/", List.of(),
				List.of(), 1, secret, null, "standard-webhooks", Map.of());
		assertThatThrownBy(() -> new ConfiguredSubscriptions(props(ssrf), subscriptions).afterSingletonsInstantiated())
			.isInstanceOf(org.fedcmdb.graph.StartupException.class).hasMessageContaining("169.254.169.254");
	}

	private static EventProperties props(EventProperties.Configured c) {
		return new EventProperties(true, Duration.ofDays(7), List.of("127.0.0.1"), List.of(Duration.ZERO),
				Duration.ofSeconds(2), 2, Duration.ofMillis(100), List.of(c));
	}

	@Test
	void deliveriesAreCountedInTheMetrics() throws Exception {
		WebhookReceiver r = receiver();
		subscribe(r, Map.of());
		databases(unique(), 1);
		await("a delivery", () -> !r.received.isEmpty(), Duration.ofSeconds(20));
		sleep(300);
		String metrics = get("/actuator/prometheus").body();
		assertThat(metrics).contains("fedcmdb_webhook_deliveries_total{outcome=\"DELIVERED\"")
			.contains("fedcmdb_webhook_delivery_lag_seconds{");
	}

	@Test
	void hostileSubscriptionsAreRefusedWithACodeAndNothingIsCreated() throws Exception {
		WebhookReceiver r = receiver();
		Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
		cases.put("URL_NOT_ALLOWED", Map.of("url", "http://10.1.2.3/hook"));
		cases.put("URL_NOT_ALLOWED ", Map.of("url", "http://169.254.169.254/latest/meta-data/"));
		cases.put("URL_NOT_ALLOWED  ", Map.of("url", "http://[::1]:" + r.port() + "/"));
		cases.put("URL_NOT_ALLOWED   ", Map.of("url", "http://192.168.0.10/"));
		cases.put("INVALID_URL", Map.of("url", "ftp://example.com/x"));
		cases.put("INVALID_URL ", Map.of("url", "http://user:pw@127.0.0.1/x"));
		cases.put("INVALID_URL  ", Map.of("url", "http://127.0.0.1/" + "x".repeat(3_000)));
		cases.put("INVALID_URL   ", Map.of("url", "not a url"));
		cases.put("UNKNOWN_EVENT_TYPE", Map.of("url", r.url(), "types", List.of("ci.exploded")));
		cases.put("UNKNOWN_CLASS", Map.of("url", r.url(), "classes", List.of("Toaster")));
		cases.put("INVALID_FILTER", Map.of("url", r.url(), "types", java.util.Collections.nCopies(51, "ci.created")));
		cases.put("INVALID_BATCH", Map.of("url", r.url(), "maxBatch", 0));
		cases.put("INVALID_BATCH ", Map.of("url", r.url(), "maxBatch", 100_000));
		int before = data("{ subscriptions { id } }").get("subscriptions").size();
		cases.forEach((code, in) -> {
			JsonNode res = graphql(CREATE, Map.of("in", in));
			assertThat(res.get("errors")).as(code).isNotNull();
			assertThat(res.get("errors").get(0).get("extensions").get("code").asString()).as(in.toString())
				.isEqualTo(code.trim());
		});
		assertThat(data("{ subscriptions { id } }").get("subscriptions")).hasSize(before);
		JsonNode unknown = graphql("mutation { pauseSubscription(id: \"sub_nope\") { id } }", Map.of());
		assertThat(unknown.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("SUBSCRIPTION_NOT_FOUND");
		token = READ_TOKEN;
		JsonNode forbidden = graphql(CREATE, Map.of("in", Map.of("url", r.url())));
		assertThat(forbidden.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("FORBIDDEN");
		JsonNode list = graphql("{ subscriptions { id } }", Map.of());
		assertThat(list.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("FORBIDDEN");
	}

}
