package org.fedcmdb.events;

import java.time.Instant;
import java.util.List;

import org.neo4j.driver.Value;

/**
 * One delivery attempt of a subscription, as its log keeps it.
 * @param firstSequence the first event's sequence; null when the attempt carried none (a cursor moved past filtered
 * events)
 * @param status the receiver's HTTP status, 0 when there was no answer
 * @param outcome DELIVERED, FAILED, THROTTLED, GONE, DEAD_LETTERED or EXPIRED
 * @param nextAttemptAt when the attempt is tried again; null when it is not
 */
public record Delivery(String id, Instant at, String messageId, List<String> eventIds, Long firstSequence,
		Long lastSequence, int attempt, int status, String outcome, long latencyMs, String error,
		Instant nextAttemptAt) {

	/** The delivery of a {@code d {.*} AS delivery} row. */
	static Delivery of(Value d) {
		return new Delivery(d.get("id").asString(), Subscription.instant(d.get("at")), d.get("messageId").asString(null),
				Subscription.strings(d.get("eventIds")), sequence(d.get("firstSequence")),
				sequence(d.get("lastSequence")), d.get("attempt").asInt(0), d.get("status").asInt(0),
				d.get("outcome").asString(null), d.get("latencyMs").asLong(0), d.get("error").asString(null),
				Subscription.instant(d.get("nextAttemptAt")));
	}

	private static Long sequence(Value v) {
		return v.isNull() ? null : v.asLong();
	}

}
