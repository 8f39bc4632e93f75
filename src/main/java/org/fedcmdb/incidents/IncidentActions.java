package org.fedcmdb.incidents;

import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * What a responder does to an incident by hand: acknowledge, resolve, link to a problem. Each is one transaction
 * under the same lock as alert processing, with its event and a timeline entry naming the token.
 */
@Component
class IncidentActions {

	private final IncidentStore store;

	private final IncidentEvents events;

	private final Problems problems;

	private final io.micrometer.core.instrument.MeterRegistry metrics;

	IncidentActions(IncidentStore store, IncidentEvents events, Problems problems,
			io.micrometer.core.instrument.MeterRegistry metrics) {
		this.metrics = metrics;
		this.store = store;
		this.events = events;
		this.problems = problems;
	}

	IncidentRecord acknowledge(String id, String by, String comment) {
		return change(id, (i, now) -> {
			if (!"OPEN".equals(i.status)) {
				throw new AlertException(409, "INCIDENT_NOT_OPEN", "incident " + id + " is " + i.status);
			}
			i.acknowledgedAt = now;
			i.acknowledgedBy = by;
			i.log(now, "ACKNOWLEDGED", by + (comment == null ? "" : ": " + comment));
		});
	}

	IncidentRecord resolve(String id, String by, String comment) {
		return change(id, (i, now) -> {
			if (!"OPEN".equals(i.status)) {
				throw new AlertException(409, "INCIDENT_NOT_OPEN", "incident " + id + " is already " + i.status);
			}
			i.status = "RESOLVED";
			i.resolvedAt = now;
			IncidentService.resolvedMetric(metrics, i);
			i.log(now, "RESOLVED", "by " + by + " (" + i.openAlertCount + " alert(s) still firing)"
					+ (comment == null ? "" : ": " + comment));
		});
	}

	IncidentRecord link(String id, String problemId, String by) {
		if (problemId == null || problems.get(problemId) == null) {
			throw new AlertException(404, "PROBLEM_NOT_FOUND", "no problem " + AlertPayloads.abbreviate(problemId)
					+ " (create it with createProblem)");
		}
		return change(id, (i, now) -> {
			i.problemId = problemId;
			i.log(now, "LINKED", "to problem " + problemId + " by " + by);
		});
	}

	private IncidentRecord change(String id, java.util.function.BiConsumer<IncidentRecord, Long> edit) {
		return store.write(tx -> {
			long now = System.currentTimeMillis();
			store.lock(tx, now);
			IncidentRecord i = store.incident(tx, id);
			if (i == null) {
				throw new AlertException(404, "INCIDENT_NOT_FOUND", "no incident " + AlertPayloads.abbreviate(id));
			}
			IncidentRecord before = IncidentRecord.from(i.toRow());
			edit.accept(i, now);
			i.updatedAt = now;
			java.util.List<IncidentRecord> changed = java.util.List.of(i);
			events.publish(tx, changed, Map.of(i.id, before), now);
			store.saveIncidents(tx, changed);
			return i;
		});
	}

}
