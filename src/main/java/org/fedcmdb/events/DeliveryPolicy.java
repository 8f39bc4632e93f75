package org.fedcmdb.events;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * What an attempt's outcome does to a subscription: pure, so every rule is unit-tested without a receiver. Delivered
 * (or events expired) moves the cursor and resets the attempt; a failure schedules the next attempt on the retry
 * schedule (at least the receiver's Retry-After); after the last attempt the events are dead-lettered, the cursor
 * moves on, and a run of dead letters disables the subscription; 410 disables it at once.
 */
final class DeliveryPolicy {

	private final List<Duration> schedule;

	private final int disableAfter;

	private final LongUnaryOperator jitter;

	DeliveryPolicy(List<Duration> schedule, int disableAfter, LongUnaryOperator jitter) {
		this.schedule = schedule;
		this.disableAfter = disableAfter;
		this.jitter = jitter;
	}

	/**
	 * @param outcome the label to log (the attempt's, or DEAD_LETTERED)
	 * @param props the subscription's new delivery state
	 * @param nextAttemptAt when the next attempt is due, or null
	 */
	record Decision(String outcome, int attempt, Map<String, Object> props, Long nextAttemptAt) {
	}

	/**
	 * @param attemptsSoFar failed attempts of these events before this one
	 * @param failuresInARow dead-lettered deliveries just before these events
	 * @param through the sequence the cursor moves to when the events are done with
	 */
	Decision decide(int attemptsSoFar, int failuresInARow, long through, WebhookSender.Outcome o, long now) {
		int attempt = attemptsSoFar + 1;
		Map<String, Object> props = new LinkedHashMap<>();
		switch (o.outcome()) {
			case "DELIVERED" -> {
				done(props, through);
				props.put("consecutiveFailures", 0);
				props.put("lastDeliveredAt", now);
				return new Decision("DELIVERED", attempt, props, null);
			}
			case "EXPIRED" -> {
				done(props, through);
				props.put("lastError", o.error());
				return new Decision("EXPIRED", attempt, props, null);
			}
			case "GONE" -> {
				props.put("status", "DISABLED");
				props.put("disabledReason", "the receiver answered 410 Gone at " + Instant.ofEpochMilli(now));
				props.put("lastError", o.error());
				return new Decision("GONE", attempt, props, null);
			}
			default -> {
				props.put("lastError", o.error());
				if (attempt < schedule.size()) {
					long delay = jitter.applyAsLong(schedule.get(attempt).toMillis());
					if (o.retryAfterMs() != null) {
						delay = Math.max(delay, o.retryAfterMs().longValue());
					}
					props.put("attempt", attempt);
					props.put("nextAttemptAt", now + delay);
					return new Decision(o.outcome(), attempt, props, now + delay);
				}
				done(props, through);
				props.put("consecutiveFailures", failuresInARow + 1);
				if (failuresInARow + 1 >= disableAfter) {
					props.put("status", "DISABLED");
					props.put("disabledReason", (failuresInARow + 1) + " deliveries in a row failed every attempt of the "
							+ "retry schedule; the last: " + o.error());
				}
				return new Decision("DEAD_LETTERED", attempt, props, null);
			}
		}
	}

	private static void done(Map<String, Object> props, long through) {
		props.put("cursor", through);
		props.put("attempt", 0);
		props.put("nextAttemptAt", 0);
	}

}
