package org.fedcmdb.graph;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Value;

/**
 * One source's assertion of a CI, as the API shows it: where and when the source saw the CI and what it said.
 * @param lastSeen when the source last reported the CI (through its scope's last complete snapshot where that is
 * later)
 * @param snapshotId the snapshot that last reported it
 * @param withdrawnAt when the source stopped reporting the CI; null while it does
 * @param values per attribute, the value the source gave and when it observed it
 */
public record SourceAssertion(String source, String scope, Instant firstSeen, Instant lastSeen, boolean stale,
		String snapshotId, Instant withdrawnAt, Map<String, Observed> values) {

	/** A value a source gave and when it observed it. */
	public record Observed(Object value, Instant observedAt) {
	}

	/** Whether the source stopped reporting the CI. */
	public boolean withdrawn() {
		return withdrawnAt != null;
	}

	/** An assertion of a {@code ci-assertions} row. */
	static SourceAssertion of(Value a) {
		return new SourceAssertion(a.get("source").asString(), a.get("scope").asString(null), instant(a.get("firstSeen")),
				instant(a.get("seen")), a.get("stale").asBoolean(false), a.get("snapshotId").asString(null),
				instant(a.get("withdrawnAt")), values(a.get("values").asString(null)));
	}

	/** The stored values: JSON of attribute to [value, observed at]. */
	private static Map<String, Observed> values(String json) {
		if (json == null) {
			return Map.of();
		}
		Map<String, Observed> out = new java.util.LinkedHashMap<>();
		Json.readMap(json).forEach((attr, pair) -> {
			if (pair instanceof List<?> l && l.size() == 2 && l.get(1) instanceof Number at) {
				out.put(attr, new Observed(l.get(0), Instant.ofEpochMilli(at.longValue())));
			}
		});
		return out;
	}

	private static Instant instant(Value millis) {
		return millis.isNull() ? null : Instant.ofEpochMilli(millis.asLong());
	}

}
