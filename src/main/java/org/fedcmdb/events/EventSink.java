package org.fedcmdb.events;

import java.util.Map;

/**
 * A receiver with its own wire format (an ITSM's or a paging service's API), delivered through the same outbox,
 * cursor, retry schedule and dead letters as a Standard Webhooks subscription. A subscription names its sink with
 * {@code format}; the sink gets one event at a time and must be safe to call again with the same event (a retry after
 * a lost answer), which is what the receivers' own idempotency keys are for.
 */
public interface EventSink {

	/** The {@code format} value that selects this sink. */
	String format();

	/** The event types this sink understands; a subscription of this format is limited to them. */
	java.util.Set<String> types();

	/**
	 * Checks a configured subscription's settings; throws {@link EventException} (INVALID_SUBSCRIPTION_CONFIG) naming
	 * what is missing.
	 */
	void check(Map<String, String> settings);

	/**
	 * Delivers one event.
	 * @param settings the subscription's {@code settings} (URLs, credentials)
	 * @param event the event envelope, as the feed serves it
	 */
	Delivery deliver(Map<String, String> settings, Map<String, Object> event);

	/**
	 * What happened, in the outbox's terms: DELIVERED, GONE, THROTTLED (with {@code retryAfterMs} when the receiver
	 * said) or FAILED, with the HTTP status (0 when none) and the error.
	 */
	record Delivery(String outcome, int status, long latencyMs, String error, Long retryAfterMs) {

		public static Delivery of(int status, long latencyMs, String error, Long retryAfterMs) {
			if (status >= 200 && status < 300) {
				return new Delivery("DELIVERED", status, latencyMs, null, null);
			}
			if (status == 410) {
				return new Delivery("GONE", status, latencyMs, error, null);
			}
			if (status == 429 || status == 502 || status == 503 || status == 504) {
				return new Delivery("THROTTLED", status, latencyMs, error, retryAfterMs);
			}
			return new Delivery("FAILED", status, latencyMs, error, null);
		}

	}

	/** Retry-After in seconds or as an HTTP date, in ms from {@code now}; null when absent or unreadable. */
	static Long retryAfter(String value, long now) {
		return WebhookSender.retryAfter(value, now);
	}

}
