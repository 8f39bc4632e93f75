package org.fedcmdb.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.graph.Json;

/** A change request as stored on its {@code :ChangeRequest} node, read and written whole. */
final class ChangeRecord {

	String id;

	long number;

	String title;

	String requester;

	String requestedBy;

	String requestedType;

	String type;

	String status;

	String outcome;

	String model;

	String risk;

	List<String> ciIds = new ArrayList<>();

	List<String> footprint = new ArrayList<>();

	List<Map<String, Object>> services = new ArrayList<>();

	List<Map<String, Object>> reasons = new ArrayList<>();

	Map<String, Object> pipeline = new LinkedHashMap<>();

	long plannedStart;

	long plannedEnd;

	String implementationPlan;

	String backoutPlan;

	long requestedAt;

	Long decidedAt;

	String decidedBy;

	String decisionComment;

	Long startedAt;

	Long completedAt;

	boolean awaitingReview;

	Long reviewedAt;

	String reviewedBy;

	String reviewComment;

	int impactedCount;

	List<Map<String, Object>> timeline = new ArrayList<>();

	@SuppressWarnings("unchecked")
	static ChangeRecord from(Map<String, Object> p) {
		ChangeRecord c = new ChangeRecord();
		c.id = (String) p.get("id");
		c.number = ((Number) p.get("number")).longValue();
		c.title = (String) p.get("title");
		c.requester = (String) p.get("requester");
		c.requestedBy = (String) p.get("requestedBy");
		c.requestedType = (String) p.get("requestedType");
		c.type = (String) p.get("type");
		c.status = (String) p.get("status");
		c.outcome = (String) p.get("outcome");
		c.model = (String) p.get("model");
		c.risk = (String) p.get("risk");
		c.ciIds = new ArrayList<>((List<String>) p.getOrDefault("ciIds", List.of()));
		c.footprint = new ArrayList<>((List<String>) p.getOrDefault("footprint", List.of()));
		c.services = (List<Map<String, Object>>) Json.readValue((String) p.getOrDefault("services", "[]"));
		c.reasons = (List<Map<String, Object>>) Json.readValue((String) p.getOrDefault("reasons", "[]"));
		c.pipeline = Json.readMap((String) p.get("pipeline"));
		c.plannedStart = ((Number) p.get("plannedStart")).longValue();
		c.plannedEnd = ((Number) p.get("plannedEnd")).longValue();
		c.implementationPlan = (String) p.get("implementationPlan");
		c.backoutPlan = (String) p.get("backoutPlan");
		c.requestedAt = ((Number) p.get("requestedAt")).longValue();
		c.decidedAt = p.get("decidedAt") instanceof Number n ? n.longValue() : null;
		c.decidedBy = (String) p.get("decidedBy");
		c.decisionComment = (String) p.get("decisionComment");
		c.startedAt = p.get("startedAt") instanceof Number n ? n.longValue() : null;
		c.completedAt = p.get("completedAt") instanceof Number n ? n.longValue() : null;
		c.awaitingReview = Boolean.TRUE.equals(p.get("awaitingReview"));
		c.reviewedAt = p.get("reviewedAt") instanceof Number n ? n.longValue() : null;
		c.reviewedBy = (String) p.get("reviewedBy");
		c.reviewComment = (String) p.get("reviewComment");
		c.impactedCount = p.get("impactedCount") instanceof Number n ? n.intValue() : 0;
		c.timeline = (List<Map<String, Object>>) Json.readValue((String) p.getOrDefault("timeline", "[]"));
		return c;
	}

	Map<String, Object> toRow() {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("id", id);
		r.put("number", number);
		r.put("title", title);
		r.put("requester", requester);
		r.put("requestedBy", requestedBy);
		r.put("requestedType", requestedType);
		r.put("type", type);
		r.put("status", status);
		r.put("outcome", outcome);
		r.put("model", model);
		r.put("risk", risk);
		r.put("ciIds", ciIds);
		r.put("footprint", footprint);
		r.put("services", Json.write(services));
		r.put("serviceNames", services.stream().map(s -> String.valueOf(s.get("name"))).toList());
		r.put("reasons", Json.write(reasons));
		r.put("pipeline", Json.write(pipeline));
		r.put("plannedStart", plannedStart);
		r.put("plannedEnd", plannedEnd);
		r.put("implementationPlan", implementationPlan);
		r.put("backoutPlan", backoutPlan);
		r.put("requestedAt", requestedAt);
		r.put("decidedAt", decidedAt);
		r.put("decidedBy", decidedBy);
		r.put("decisionComment", decisionComment);
		r.put("startedAt", startedAt);
		r.put("completedAt", completedAt);
		r.put("awaitingReview", awaitingReview);
		r.put("reviewedAt", reviewedAt);
		r.put("reviewedBy", reviewedBy);
		r.put("reviewComment", reviewComment);
		r.put("impactedCount", impactedCount);
		r.put("timeline", Json.write(timeline));
		return r;
	}

	void log(long at, String type, String detail) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("at", at);
		e.put("type", type);
		e.put("detail", detail);
		timeline.add(e);
	}

	/** A reason with its evidence: the rule, what it says, and what it points at. */
	static Map<String, Object> reason(String rule, String message, Map<String, Object> evidence) {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("rule", rule);
		r.put("message", message);
		r.put("evidence", evidence);
		return r;
	}

}
