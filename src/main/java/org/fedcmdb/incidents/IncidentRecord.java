package org.fedcmdb.incidents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.graph.Json;

/**
 * An incident as stored on its {@code :Incident} node, read and written whole. The timeline keeps its first 100 and
 * last 400 entries (an alert storm's joins are one entry per notification, not per alert).
 */
final class IncidentRecord {

	static final int TIMELINE_HEAD = 100;

	static final int TIMELINE_TAIL = 400;

	String id;

	long number;

	String status = "OPEN";

	String priority = "P4";

	int impact = 3;

	int urgency = 3;

	String title;

	String causeId;

	boolean causeInferred;

	CauseScores scores = CauseScores.empty();

	Set<String> alertCis = new LinkedHashSet<>();

	List<Map<String, Object>> services = new ArrayList<>();

	String assignmentGroup;

	long openedAt;

	long updatedAt;

	long lastAlertAt;

	Long resolvedAt;

	Long acknowledgedAt;

	String acknowledgedBy;

	String problemId;

	int alertCount;

	int openAlertCount;

	int notifiedAlertCount;

	List<Map<String, Object>> timeline = new ArrayList<>();

	boolean created;

	@SuppressWarnings("unchecked")
	static IncidentRecord from(Map<String, Object> p) {
		IncidentRecord i = new IncidentRecord();
		i.id = (String) p.get("id");
		i.number = ((Number) p.get("number")).longValue();
		i.status = (String) p.get("status");
		i.priority = (String) p.get("priority");
		i.impact = ((Number) p.get("impact")).intValue();
		i.urgency = ((Number) p.get("urgency")).intValue();
		i.title = (String) p.get("title");
		i.causeId = (String) p.get("causeId");
		i.causeInferred = Boolean.TRUE.equals(p.get("causeInferred"));
		i.scores = CauseScores.decode((String) p.get("scores"));
		i.alertCis = new LinkedHashSet<>((List<String>) p.getOrDefault("alertCis", List.of()));
		i.services = new ArrayList<>();
		for (Object s : (List<Object>) Json.readValue((String) p.getOrDefault("services", "[]"))) {
			i.services.add((Map<String, Object>) s);
		}
		i.assignmentGroup = (String) p.get("assignmentGroup");
		i.openedAt = ((Number) p.get("openedAt")).longValue();
		i.updatedAt = ((Number) p.get("updatedAt")).longValue();
		i.lastAlertAt = ((Number) p.get("lastAlertAt")).longValue();
		i.resolvedAt = p.get("resolvedAt") instanceof Number n ? n.longValue() : null;
		i.acknowledgedAt = p.get("acknowledgedAt") instanceof Number n ? n.longValue() : null;
		i.acknowledgedBy = (String) p.get("acknowledgedBy");
		i.problemId = (String) p.get("problemId");
		i.alertCount = ((Number) p.get("alertCount")).intValue();
		i.openAlertCount = ((Number) p.get("openAlertCount")).intValue();
		i.notifiedAlertCount = p.get("notifiedAlertCount") instanceof Number n ? n.intValue() : 0;
		for (Object e : (List<Object>) Json.readValue((String) p.getOrDefault("timeline", "[]"))) {
			i.timeline.add((Map<String, Object>) e);
		}
		return i;
	}

	Map<String, Object> toRow() {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("id", id);
		r.put("number", number);
		r.put("status", status);
		r.put("priority", priority);
		r.put("impact", impact);
		r.put("urgency", urgency);
		r.put("title", title);
		r.put("causeId", causeId);
		r.put("causeInferred", causeInferred);
		r.put("scores", scores.encode());
		r.put("alertCis", List.copyOf(alertCis));
		r.put("services", Json.write(services));
		r.put("serviceIds", services.stream().map(s -> (String) s.get("ciId")).toList());
		r.put("assignmentGroup", assignmentGroup);
		r.put("openedAt", openedAt);
		r.put("updatedAt", updatedAt);
		r.put("lastAlertAt", lastAlertAt);
		r.put("resolvedAt", resolvedAt);
		r.put("acknowledgedAt", acknowledgedAt);
		r.put("acknowledgedBy", acknowledgedBy);
		r.put("problemId", problemId);
		r.put("alertCount", alertCount);
		r.put("openAlertCount", openAlertCount);
		r.put("notifiedAlertCount", notifiedAlertCount);
		r.put("timeline", Json.write(timeline));
		return r;
	}

	void log(long at, String type, String detail) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("at", at);
		e.put("type", type);
		e.put("detail", detail);
		timeline.add(e);
		if (timeline.size() > TIMELINE_HEAD + TIMELINE_TAIL) {
			timeline.remove(TIMELINE_HEAD);
		}
	}

}
