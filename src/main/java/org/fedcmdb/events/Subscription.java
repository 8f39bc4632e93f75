package org.fedcmdb.events;

import java.time.Instant;
import java.util.List;

import org.neo4j.driver.Value;

/**
 * A webhook subscription as an administrator sees it: its target and filters, its state and its delivery state. Its
 * signing secrets, a connector's settings and the delivery lease are stored beside these fields but never read into
 * it (the secret is shown once, in {@link Subscriptions.WithSecret}, when it is made).
 * @param cursor the last sequence delivered (or dead-lettered)
 * @param nextAttemptAt when the next delivery attempt is due; null when one is due as soon as there are events
 * @param format {@code standard-webhooks}, or the connector that delivers it (ServiceNow, PagerDuty)
 * @param configured kept in step with {@code fedcmdb.events.subscriptions} at every start
 */
public record Subscription(String id, String url, List<String> types, List<String> classes, int maxBatch,
		String description, String status, String disabledReason, long cursor, int attempt, Instant nextAttemptAt,
		Instant lastDeliveredAt, String lastError, Instant createdAt, Instant secretRotatedAt, String format,
		boolean configured, int consecutiveFailures) {

	/** The subscription of a {@code s {.*} AS subscription} row. */
	static Subscription of(Value s) {
		return new Subscription(s.get("id").asString(), s.get("url").asString(null), strings(s.get("types")),
				strings(s.get("classes")), s.get("maxBatch").asInt(1), s.get("description").asString(null),
				s.get("status").asString(null), s.get("disabledReason").asString(null), s.get("cursor").asLong(0),
				s.get("attempt").asInt(0), instant(s.get("nextAttemptAt")), instant(s.get("lastDeliveredAt")),
				s.get("lastError").asString(null), instant(s.get("createdAt")), instant(s.get("secretRotatedAt")),
				s.get("format").asString(Subscriptions.STANDARD_WEBHOOKS), s.get("configured").asBoolean(false),
				s.get("consecutiveFailures").asInt(0));
	}

	static List<String> strings(Value list) {
		return list.isNull() ? List.of() : list.asList(Value::asString);
	}

	/** Epoch milliseconds as stored; absent or 0 (nothing scheduled) is null. */
	static Instant instant(Value millis) {
		return millis.isNull() || millis.asLong() == 0 ? null : Instant.ofEpochMilli(millis.asLong());
	}

}
