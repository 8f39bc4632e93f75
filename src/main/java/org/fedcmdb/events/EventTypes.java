package org.fedcmdb.events;

import java.util.Set;

/** The event types fedcmdb publishes; a feed or subscription filter naming another is refused. */
public final class EventTypes {

	public static final String CI_CREATED = "ci.created";

	public static final String CI_UPDATED = "ci.updated";

	public static final String CI_STATUS_CHANGED = "ci.status_changed";

	public static final String CI_MERGED = "ci.merged";

	public static final String CI_SPLIT = "ci.split";

	public static final String RELATIONSHIP_ADDED = "relationship.added";

	public static final String RELATIONSHIP_REMOVED = "relationship.removed";

	public static final String SNAPSHOT_APPLIED = "snapshot.applied";

	public static final String SNAPSHOT_WITHDRAWAL_REFUSED = "snapshot.withdrawal_refused";

	public static final String INCIDENT_OPENED = "incident.opened";

	public static final String INCIDENT_UPDATED = "incident.updated";

	public static final String INCIDENT_RESOLVED = "incident.resolved";

	public static final String CHANGE_REQUESTED = "change.requested";

	public static final String CHANGE_APPROVED = "change.approved";

	public static final String CHANGE_REJECTED = "change.rejected";

	public static final String CHANGE_STARTED = "change.started";

	public static final String CHANGE_COMPLETED = "change.completed";

	public static final String CHANGE_CANCELLED = "change.cancelled";

	public static final String CHANGE_EXPIRED = "change.expired";

	public static final String CHANGE_REVIEWED = "change.reviewed";

	public static final Set<String> ALL = Set.of(CI_CREATED, CI_UPDATED, CI_STATUS_CHANGED, CI_MERGED, CI_SPLIT,
			RELATIONSHIP_ADDED, RELATIONSHIP_REMOVED, SNAPSHOT_APPLIED, SNAPSHOT_WITHDRAWAL_REFUSED, INCIDENT_OPENED,
			INCIDENT_UPDATED, INCIDENT_RESOLVED, CHANGE_REQUESTED, CHANGE_APPROVED, CHANGE_REJECTED, CHANGE_STARTED,
			CHANGE_COMPLETED, CHANGE_CANCELLED, CHANGE_EXPIRED, CHANGE_REVIEWED);

	/** The version of the envelope and of every type's data; a breaking change gets a new one. */
	public static final int VERSION = 1;

	private EventTypes() {
	}

}
