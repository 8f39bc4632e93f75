package org.fedcmdb.incidents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.fedcmdb.events.EventDraft;
import org.fedcmdb.events.EventOutbox;
import org.fedcmdb.events.EventTypes;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * The incident events, appended in the transaction that changed the incident: {@code incident.opened},
 * {@code incident.resolved}, and {@code incident.updated} when something an ITSM ticket shows changed (priority,
 * probable cause, assignment group, reopened) or the alert count doubled since the last event. An alert storm thus
 * makes one create and a number of updates logarithmic in its size, not one per alert.
 */
@Component
class IncidentEvents {

	static final String SOURCE = "fedcmdb-incidents";

	private final EventOutbox outbox;

	private final IncidentStore store;

	private final IncidentProperties properties;

	IncidentEvents(EventOutbox outbox, IncidentStore store, IncidentProperties properties) {
		this.outbox = outbox;
		this.store = store;
		this.properties = properties;
	}

	void publish(TransactionContext tx, List<IncidentRecord> changed, Map<String, IncidentRecord> before, long now) {
		List<EventDraft> drafts = new ArrayList<>();
		Map<String, IncidentStore.CiSummary> causes = store.summaries(changed.stream().map(i -> i.causeId)
			.filter(Objects::nonNull).distinct().toList());
		for (IncidentRecord i : changed) {
			String type = typeOf(i, before.get(i.id));
			if (type != null) {
				i.notifiedAlertCount = i.alertCount;
				drafts.add(draft(type, i, causes.get(i.causeId)));
			}
		}
		outbox.append(tx, drafts);
	}

	/** The event a change deserves, or null when nothing a ticket shows changed. */
	static String typeOf(IncidentRecord now, IncidentRecord was) {
		if (now.created || was == null) {
			return EventTypes.INCIDENT_OPENED;
		}
		if ("RESOLVED".equals(now.status) && !"RESOLVED".equals(was.status)) {
			return EventTypes.INCIDENT_RESOLVED;
		}
		boolean material = !Objects.equals(now.priority, was.priority) || !Objects.equals(now.causeId, was.causeId)
				|| !Objects.equals(now.assignmentGroup, was.assignmentGroup) || !Objects.equals(now.status, was.status)
				|| !Objects.equals(now.acknowledgedAt, was.acknowledgedAt) || !Objects.equals(now.problemId, was.problemId)
				|| now.alertCount >= 2 * Math.max(1, now.notifiedAlertCount);
		return material ? EventTypes.INCIDENT_UPDATED : null;
	}

	EventDraft draft(String type, IncidentRecord i, IncidentStore.CiSummary cause) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("incidentId", i.id);
		data.put("number", i.number);
		data.put("status", i.status);
		data.put("priority", i.priority);
		data.put("impact", i.impact);
		data.put("urgency", i.urgency);
		data.put("title", i.title);
		if (cause != null) {
			Map<String, Object> c = new LinkedHashMap<>();
			c.put("ciId", cause.id());
			c.put("class", cause.className());
			c.put("name", cause.name());
			c.put("inferred", i.causeInferred);
			List<String> sysIds = cause.identifiers().get("sysId");
			c.put("sysId", sysIds == null || sysIds.isEmpty() ? null : sysIds.get(0));
			data.put("probableCause", c);
		}
		else {
			data.put("probableCause", null);
		}
		data.put("impactedServices", i.services.stream().limit(10).toList());
		data.put("assignmentGroup", i.assignmentGroup);
		data.put("alertCount", i.alertCount);
		data.put("openAlertCount", i.openAlertCount);
		data.put("acknowledgedBy", i.acknowledgedBy);
		data.put("problemId", i.problemId);
		data.put("url", properties.url() == null ? null : properties.url().replaceAll("/+$", "") + "/incidents/" + i.id);
		return cause == null ? new EventDraft(type, null, null, null, SOURCE, null, data)
				: EventDraft.aboutCi(type, cause.id(), cause.className(), cause.name(), SOURCE, null, data);
	}

}
