package org.fedcmdb.changes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.events.EventDraft;
import org.fedcmdb.events.EventTypes;

/** The change events: one per step, with the change's decision, evidence and outcome. */
final class ChangeEvents {

	static final String SOURCE = "fedcmdb-changes";

	private ChangeEvents() {
	}

	/** {@code change.requested}, then the decision's own event (approved or rejected; pending waits for CAB). */
	static List<EventDraft> forDecision(ChangeRecord c) {
		EventDraft requested = draft(EventTypes.CHANGE_REQUESTED, c);
		return switch (c.status) {
			case "APPROVED" -> List.of(requested, draft(EventTypes.CHANGE_APPROVED, c));
			case "REJECTED" -> List.of(requested, draft(EventTypes.CHANGE_REJECTED, c));
			default -> List.of(requested);
		};
	}

	static EventDraft draft(String type, ChangeRecord c) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("changeId", c.id);
		data.put("title", c.title);
		data.put("status", c.status);
		data.put("type", c.type);
		data.put("requestedType", c.requestedType);
		data.put("model", c.model);
		data.put("risk", c.risk);
		data.put("requester", c.requester);
		data.put("plannedStart", java.time.Instant.ofEpochMilli(c.plannedStart).toString());
		data.put("plannedEnd", java.time.Instant.ofEpochMilli(c.plannedEnd).toString());
		data.put("ciIds", c.ciIds.stream().limit(100).toList());
		data.put("impactedCount", c.impactedCount);
		data.put("services", c.services.stream().limit(10).toList());
		data.put("reasons", c.reasons.stream().limit(20).toList());
		data.put("outcome", c.outcome);
		data.put("decidedBy", c.decidedBy);
		data.put("pipeline", c.pipeline);
		return new EventDraft(type, null, null, null, SOURCE, null, data);
	}

}
