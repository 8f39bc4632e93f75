package org.fedcmdb.incidents;

import java.time.Instant;
import java.util.Map;

/**
 * One alert as a monitor sent it. Identified by {@code fingerprint} + {@code startsAt}: the same alert sent twice (a
 * retried notification, a repeat) is one alert; a re-fire has a new start.
 *
 * @param firing true for "firing", false for "resolved"
 * @param endsAt when it resolved (resolved alerts), or null
 */
record Alert(String fingerprint, Instant startsAt, Instant endsAt, boolean firing, Map<String, String> labels,
		Map<String, String> annotations, String generatorUrl, String source) {

	String key() {
		return fingerprint + "|" + startsAt.toEpochMilli();
	}

	String name() {
		return labels.getOrDefault("alertname", "alert");
	}

	String severity() {
		return labels.get("severity");
	}

}
