package org.fedcmdb.incidents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.impact.BlastRadius;
import org.fedcmdb.impact.ImpactQuery;
import org.fedcmdb.impact.ImpactService;

/**
 * The last step of a notification's round, per touched incident: its probable cause, the cause's impacted services
 * and support group, the priority from impact and urgency, resolution when its last alert resolved, and the timeline
 * entries saying what moved. Links to the impacted services are added to the round's links.
 */
final class IncidentSettlement {

	private final ImpactService impact;

	private final long now;

	private final List<Map<String, Object>> links;

	IncidentSettlement(ImpactService impact, long now, List<Map<String, Object>> links) {
		this.impact = impact;
		this.now = now;
		this.links = links;
	}

	/** Cause, impacted services, assignment, priority and the timeline after this notification's alerts. */
	void settle(IncidentRecord i, List<String> names, int resolvedNow) {
		if (!names.isEmpty() && !(i.created && names.size() == 1)) {
			i.log(now, "ALERTS_JOINED", names.size() + " alert(s): " + String.join(", ", names.stream().distinct().limit(5).toList())
					+ (names.stream().distinct().count() > 5 ? ", ..." : ""));
		}
		CauseScores.Cause cause = i.scores.cause();
		if (cause != null) {
			i.causeInferred = cause.inferred();
		}
		if (cause != null && !cause.ciId().equals(i.causeId)) {
			String old = i.causeId;
			i.causeId = cause.ciId();
			i.services = services(cause.ciId());
			// the impacted services are in the picture too: a change on a service's blast radius meets the incident
			i.services.forEach(svc -> links.add(Map.of("incidentId", i.id, "ciId", svc.get("ciId"), "alerting", false)));
			i.assignmentGroup = impact.supportGroup(cause.ciId());
			if (old != null) {
				i.log(now, "CAUSE_CHANGED", old + " -> " + cause.ciId() + " (explains " + cause.explains() + " alerting CI(s)"
						+ (cause.inferred() ? ", not alerting itself" : "") + ")");
			}
		}
		int impactLevel = impactOf(i.services);
		String priority = impact.priority(impactLevel, i.urgency);
		if (!priority.equals(i.priority) || i.created) {
			if (!i.created) {
				i.log(now, "PRIORITY_CHANGED", i.priority + " -> " + priority + " (impact " + impactLevel + " x urgency " + i.urgency + ")");
			}
			i.priority = priority;
		}
		i.impact = impactLevel;
		if (resolvedNow > 0) {
			i.log(now, "ALERTS_RESOLVED", resolvedNow + " alert(s) resolved, " + i.openAlertCount + " still firing");
		}
		if ("OPEN".equals(i.status) && i.openAlertCount == 0 && resolvedNow > 0) {
			i.status = "RESOLVED";
			i.resolvedAt = now;
			i.log(now, "RESOLVED", "all " + i.alertCount + " alert(s) resolved");
		}
		i.updatedAt = now;
	}

	/** The impacted services of a probable cause, most critical first (its upstream blast radius). */
	List<Map<String, Object>> services(String causeId) {
		BlastRadius br = impact.blastRadius(new ImpactQuery(List.of(causeId), ImpactQuery.Direction.UPSTREAM, null, null,
				false, impact.defaultLimit()), Duration.ofSeconds(10));
		List<Map<String, Object>> out = new ArrayList<>();
		for (BlastRadius.Impacted s : br.services()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("ciId", s.ciId());
			m.put("name", s.name());
			m.put("class", s.className());
			m.put("criticality", s.criticality());
			m.put("state", s.state() == null ? null : s.state().name());
			m.put("depth", s.depth());
			out.add(m);
			if (out.size() == 50) {
				break;
			}
		}
		return out;
	}

	/** Impact 1 (high) .. 3 (low) from the most critical impacted service: tier 1 high, tier 2 medium, else low. */
	static int impactOf(List<Map<String, Object>> services) {
		int best = 3;
		for (Map<String, Object> s : services) {
			if (s.get("criticality") instanceof Number c) {
				best = Math.min(best, c.intValue() <= 1 ? 1 : c.intValue() == 2 ? 2 : 3);
			}
		}
		return best;
	}

}
