package org.fedcmdb.changes;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.fedcmdb.events.EventTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A change after its decision: CAB approval or rejection (never by the token that requested it), the pipeline's
 * start and outcome, cancellation, the retroactive review of emergencies, and expiry of approvals whose window passed.
 * REQUESTED → APPROVED | PENDING | REJECTED → IMPLEMENTING → COMPLETED (SUCCESSFUL or FAILED), or CANCELLED / EXPIRED.
 */
@Component
class ChangeLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ChangeLifecycle.class);

	static final Set<String> OPEN = Set.of("PENDING", "APPROVED", "IMPLEMENTING");

	private final ChangeStore store;

	private final MeterRegistry metrics;

	private final org.fedcmdb.impact.ImpactProperties impact;

	private final org.fedcmdb.incidents.IncidentQueries incidents;

	private final ChangeProperties properties;

	ChangeLifecycle(ChangeStore store, MeterRegistry metrics, org.fedcmdb.impact.ImpactProperties impact,
			org.fedcmdb.incidents.IncidentQueries incidents, ChangeProperties properties) {
		this.store = store;
		this.metrics = metrics;
		this.impact = impact;
		this.incidents = incidents;
		this.properties = properties;
	}

	/**
	 * What forbids approving a change now: a blackout over its window (perhaps declared after the request), an
	 * approved or running change that collides with it (approved after it was requested), an open P1/P2 incident on
	 * its blast radius. CAB cannot approve into those; it can reject, or wait.
	 */
	private java.util.List<String> blockers(ChangeRecord c, org.neo4j.driver.TransactionContext tx) {
		java.util.List<String> out = new java.util.ArrayList<>();
		for (org.fedcmdb.impact.ImpactProperties.Blackout b : impact.blackouts()) {
			if (b.start().toEpochMilli() < c.plannedEnd && b.end().toEpochMilli() > c.plannedStart) {
				out.add("the window overlaps the blackout '" + b.name() + "'");
			}
		}
		for (java.util.Map<String, Object> o : store.collisions(tx, c)) {
			out.add("approved change " + o.get("id") + " (" + o.get("title") + ") overlaps in time and shares CIs");
		}
		for (org.fedcmdb.incidents.IncidentQueries.IncidentRef i : incidents.openOn(c.footprint,
				java.util.Set.copyOf(properties.blockingPriorities()))) {
			out.add("open " + i.priority() + " incident " + i.id() + " on the blast radius");
		}
		return out;
	}

	ChangeRecord approve(String id, String by, String comment) {
		return decide(id, by, comment, "APPROVED", EventTypes.CHANGE_APPROVED);
	}

	ChangeRecord reject(String id, String by, String comment) {
		return decide(id, by, comment, "REJECTED", EventTypes.CHANGE_REJECTED);
	}

	private ChangeRecord decide(String id, String by, String comment, String status, String event) {
		return store.update(id, (c, now, tx) -> {
			if (!"PENDING".equals(c.status)) {
				throw new ChangeException(409, "CHANGE_NOT_PENDING", "change " + id + " is " + c.status + ", not PENDING");
			}
			if (by.equals(c.requestedBy)) {
				throw new ChangeException(403, "SEPARATION_OF_DUTIES", "token '" + by + "' requested change " + id
						+ " and cannot approve or reject it");
			}
			if (c.plannedEnd < now) {
				expire(c, now);
				return EventTypes.CHANGE_EXPIRED;
			}
			if ("APPROVED".equals(status)) {
				java.util.List<String> blocked = blockers(c, tx);
				if (!blocked.isEmpty()) {
					throw new ChangeException(409, "CHANGE_BLOCKED", "change " + id + " cannot be approved now: "
							+ String.join("; ", blocked));
				}
			}
			c.status = status;
			c.decidedAt = now;
			c.decidedBy = by;
			c.decisionComment = comment;
			c.reasons.add(ChangeRecord.reason("cab", status.toLowerCase() + " by " + by + (comment == null ? "" : ": " + comment),
					java.util.Map.of("by", by)));
			c.log(now, status, "by " + by + (comment == null ? "" : ": " + comment));
			metrics.counter("fedcmdb.changes.decisions", "decision", status, "type", c.type).increment();
			return event;
		});
	}

	ChangeRecord review(String id, String by, String comment) {
		return store.update(id, (c, now, tx) -> {
			if (!c.awaitingReview) {
				throw new ChangeException(409, "CHANGE_NOT_AWAITING_REVIEW", "change " + id + " awaits no review");
			}
			if (by.equals(c.requestedBy)) {
				throw new ChangeException(403, "SEPARATION_OF_DUTIES", "token '" + by + "' requested change " + id
						+ " and cannot review it");
			}
			c.awaitingReview = false;
			c.reviewedAt = now;
			c.reviewedBy = by;
			c.reviewComment = comment;
			c.log(now, "REVIEWED", "by " + by + (comment == null ? "" : ": " + comment));
			return EventTypes.CHANGE_REVIEWED;
		});
	}

	ChangeRecord start(String id) {
		return store.update(id, (c, now, tx) -> {
			if ("IMPLEMENTING".equals(c.status)) {
				return null; // a pipeline retry: already started
			}
			if (!"APPROVED".equals(c.status)) {
				throw new ChangeException(409, "CHANGE_NOT_APPROVED", "change " + id + " is " + c.status + "; only an approved change starts");
			}
			if (c.plannedEnd < now) {
				expire(c, now);
				return EventTypes.CHANGE_EXPIRED;
			}
			c.status = "IMPLEMENTING";
			c.startedAt = now;
			c.log(now, "IMPLEMENTING", "started by the pipeline");
			return EventTypes.CHANGE_STARTED;
		});
	}

	ChangeRecord complete(String id, String outcome, String comment) {
		if (!"SUCCESSFUL".equals(outcome) && !"FAILED".equals(outcome)) {
			throw new ChangeException(400, "INVALID_OUTCOME", "outcome is SUCCESSFUL or FAILED");
		}
		return store.update(id, (c, now, tx) -> {
			if ("COMPLETED".equals(c.status) && outcome.equals(c.outcome)) {
				return null; // a pipeline retry
			}
			if (!"IMPLEMENTING".equals(c.status) && !"APPROVED".equals(c.status)) {
				throw new ChangeException(409, "CHANGE_NOT_STARTED", "change " + id + " is " + c.status);
			}
			if (c.startedAt == null) {
				c.startedAt = now;
			}
			c.status = "COMPLETED";
			c.outcome = outcome;
			c.completedAt = now;
			c.log(now, "COMPLETED", outcome + (comment == null ? "" : ": " + comment));
			metrics.counter("fedcmdb.changes.completed", "outcome", outcome, "model", c.model == null ? "none" : c.model).increment();
			return EventTypes.CHANGE_COMPLETED;
		});
	}

	ChangeRecord cancel(String id, String by, String comment) {
		return store.update(id, (c, now, tx) -> {
			if (!OPEN.contains(c.status)) {
				throw new ChangeException(409, "CHANGE_CLOSED", "change " + id + " is already " + c.status);
			}
			c.status = "CANCELLED";
			c.log(now, "CANCELLED", "by " + by + (comment == null ? "" : ": " + comment));
			return EventTypes.CHANGE_CANCELLED;
		});
	}

	/** Pending requests and approvals whose planned window passed without a start: EXPIRED. */
	@Scheduled(fixedDelayString = "${fedcmdb.changes.expiry-sweep:60s}", initialDelayString = "${fedcmdb.changes.expiry-sweep:60s}")
	void sweep() {
		long now = System.currentTimeMillis();
		try {
			for (ChangeRecord c : store.expired(now)) {
				store.update(c.id, (x, t, tx) -> {
					if (!"PENDING".equals(x.status) && !"APPROVED".equals(x.status) || x.plannedEnd >= t) {
						return null;
					}
					expire(x, t);
					return EventTypes.CHANGE_EXPIRED;
				});
			}
		}
		catch (RuntimeException ex) {
			log.debug("Change expiry sweep failed: {}", ex.toString());
		}
	}

	private static void expire(ChangeRecord c, long now) {
		c.log(now, "EXPIRED", "the planned window ended at " + java.time.Instant.ofEpochMilli(c.plannedEnd) + " while " + c.status);
		c.status = "EXPIRED";
	}

}
