package org.fedcmdb.changes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A change as the REST and GraphQL APIs answer it. */
final class ChangeViews {

	private ChangeViews() {
	}

	static Map<String, Object> view(ChangeRecord c) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", c.id);
		m.put("number", c.number);
		m.put("title", c.title);
		m.put("status", c.status);
		m.put("type", c.type);
		m.put("requestedType", c.requestedType);
		m.put("model", c.model);
		m.put("risk", c.risk);
		m.put("outcome", c.outcome);
		m.put("requester", c.requester);
		m.put("requestedBy", c.requestedBy);
		m.put("reasons", c.reasons);
		m.put("ciIds", c.ciIds);
		m.put("impactedCount", c.impactedCount);
		m.put("services", c.services);
		m.put("plannedStart", Instant.ofEpochMilli(c.plannedStart));
		m.put("plannedEnd", Instant.ofEpochMilli(c.plannedEnd));
		m.put("implementationPlan", c.implementationPlan);
		m.put("backoutPlan", c.backoutPlan);
		m.put("pipeline", c.pipeline);
		m.put("requestedAt", Instant.ofEpochMilli(c.requestedAt));
		m.put("decidedAt", time(c.decidedAt));
		m.put("decidedBy", c.decidedBy);
		m.put("startedAt", time(c.startedAt));
		m.put("completedAt", time(c.completedAt));
		m.put("awaitingReview", c.awaitingReview);
		m.put("reviewedAt", time(c.reviewedAt));
		m.put("reviewedBy", c.reviewedBy);
		m.put("timeline", c.timeline);
		m.put("footprint", c.footprint);
		m.put("links", Map.of("self", "/api/v1/changes/" + c.id, "wait", "/api/v1/changes/" + c.id + "?wait=60s"));
		return m;
	}

	/** The REST answer: the view without the (possibly long) footprint. */
	static Map<String, Object> rest(ChangeRecord c) {
		Map<String, Object> m = view(c);
		m.remove("footprint");
		m.put("plannedStart", c.plannedStart == 0 ? null : Instant.ofEpochMilli(c.plannedStart).toString());
		m.put("plannedEnd", Instant.ofEpochMilli(c.plannedEnd).toString());
		m.put("requestedAt", Instant.ofEpochMilli(c.requestedAt).toString());
		for (String k : List.of("decidedAt", "startedAt", "completedAt", "reviewedAt")) {
			m.put(k, m.get(k) == null ? null : m.get(k).toString());
		}
		return m;
	}

	private static Instant time(Long ms) {
		return ms == null ? null : Instant.ofEpochMilli(ms);
	}

}
