package org.fedcmdb.incidents;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fedcmdb.incidents.*}: alert intake, correlation and incident policy.
 *
 * @param mappingLocations alert-to-CI mapping files after the built-in one ({@code classpath:} or {@code file:}); a
 * later file's rule with the same name replaces the earlier one, new names are tried first
 * @param window alerts joining an open incident must fire within this time of its latest alert
 * @param reopenWindow a resolved incident an alert correlates with within this time reopens instead of a new one
 * @param correlationDepth how many dependency hops below an alerting CI count as its possible causes
 * @param maxSharedDependents a CI more CIs depend on (a core switch, a shared DNS) links alerts only when it alerts
 * itself, and is never an inferred cause
 * @param severityUrgency alert {@code severity} label value (lower case) to urgency 1 (high) .. 3 (low)
 * @param defaultUrgency urgency of an alert without a known severity
 * @param maxAlerts the most alerts one notification may carry (more: 413, nothing applied)
 * @param maxLabels the most labels (and annotations) one alert may carry
 * @param whatChangedWindow how far before an incident opened its "what changed" list looks
 * @param whatChangedDepth dependency hops around the probable cause whose history is listed
 * @param problemThreshold incidents with the same probable cause within 30 days that make it a problem candidate
 * @param url the console or API base URL put in outbound tickets (optional)
 */
@ConfigurationProperties("fedcmdb.incidents")
public record IncidentProperties(@DefaultValue List<String> mappingLocations, @DefaultValue("5m") Duration window,
		@DefaultValue("1h") Duration reopenWindow, @DefaultValue("3") int correlationDepth,
		@DefaultValue("500") int maxSharedDependents,
		@DefaultValue Map<String, Integer> severityUrgency, @DefaultValue("2") int defaultUrgency,
		@DefaultValue("10000") int maxAlerts, @DefaultValue("100") int maxLabels,
		@DefaultValue("6h") Duration whatChangedWindow, @DefaultValue("1") int whatChangedDepth,
		@DefaultValue("3") int problemThreshold, String url) {

	static final Map<String, Integer> DEFAULT_SEVERITIES = Map.ofEntries(Map.entry("critical", 1), Map.entry("page", 1),
			Map.entry("emergency", 1), Map.entry("disaster", 1), Map.entry("high", 1), Map.entry("error", 2),
			Map.entry("major", 2), Map.entry("warning", 2), Map.entry("average", 2), Map.entry("minor", 3),
			Map.entry("low", 3), Map.entry("info", 3), Map.entry("information", 3), Map.entry("none", 3));

	/** Urgency of a severity label value: the configured map over the defaults. */
	int urgencyOf(String severity) {
		if (severity == null) {
			return defaultUrgency;
		}
		String s = severity.toLowerCase(java.util.Locale.ROOT);
		Integer u = severityUrgency.get(s);
		if (u == null) {
			u = DEFAULT_SEVERITIES.get(s);
		}
		return u == null ? defaultUrgency : Math.max(1, Math.min(3, u));
	}

}
