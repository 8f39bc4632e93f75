package org.fedcmdb.events;

import java.util.Map;

/**
 * An event as a producer describes it, before the outbox gives it its id and sequence.
 *
 * @param type one of {@link EventTypes#ALL}
 * @param ciId the CI it is about, or null (a snapshot's events)
 * @param ciClass the CI's class, or null
 * @param ciName the CI's name, or null
 * @param source the data source that caused it, or null (an administrator, the staleness job)
 * @param snapshotId the snapshot that caused it, or null
 * @param data the type's payload (see the README's event schemas)
 */
public record EventDraft(String type, String ciId, String ciClass, String ciName, String source, String snapshotId,
		Map<String, Object> data) {

	public static EventDraft aboutCi(String type, String ciId, String ciClass, String ciName, String source,
			String snapshotId, Map<String, Object> data) {
		return new EventDraft(type, ciId, ciClass, ciName, source, snapshotId, data);
	}

	public static EventDraft aboutSnapshot(String type, String source, String snapshotId, Map<String, Object> data) {
		return new EventDraft(type, null, null, null, source, snapshotId, data);
	}

}
