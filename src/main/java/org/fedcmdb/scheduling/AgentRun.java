package org.fedcmdb.scheduling;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.fedcmdb.graph.Json;
import org.neo4j.driver.Value;

/**
 * One run of a configured agent, as it is recorded: RUNNING from its start, then SUCCEEDED when its snapshot
 * completed, FAILED otherwise (with the reason).
 * @param scheduledAt the schedule's fire the run belongs to; null for a run on demand
 * @param counts the snapshot's per-entry outcomes (INSERT, UPDATE, NO_CHANGE, ...) once it was applied
 */
public record AgentRun(String id, String agent, String type, Instant startedAt, Instant scheduledAt, String status,
		Integer items, Integer relationships, String snapshotId, Map<String, Integer> counts, String error,
		Instant endedAt) {

	static AgentRun start(String agent, String type, Long scheduledAt) {
		return new AgentRun(UUID.randomUUID().toString(), agent, type, Instant.now(),
				scheduledAt == null ? null : Instant.ofEpochMilli(scheduledAt), "RUNNING", null, null, null, null, null,
				null);
	}

	AgentRun collected(int items, int relationships) {
		return new AgentRun(id, agent, type, startedAt, scheduledAt, status, items, relationships, snapshotId, counts,
				error, endedAt);
	}

	AgentRun posted(String snapshot) {
		return new AgentRun(id, agent, type, startedAt, scheduledAt, status, items, relationships, snapshot, counts,
				error, endedAt);
	}

	/** Its snapshot ended: SUCCEEDED when COMPLETED, FAILED with the snapshot's status otherwise. */
	AgentRun applied(String snapshotStatus, Map<String, Integer> outcomes) {
		boolean completed = "COMPLETED".equals(snapshotStatus);
		return new AgentRun(id, agent, type, startedAt, scheduledAt, completed ? "SUCCEEDED" : "FAILED", items,
				relationships, snapshotId, outcomes, completed ? null : "snapshot " + snapshotId + " is " + snapshotStatus,
				endedAt);
	}

	AgentRun failed(String reason) {
		return new AgentRun(id, agent, type, startedAt, scheduledAt, "FAILED", items, relationships, snapshotId, counts,
				reason, endedAt);
	}

	AgentRun ended() {
		return new AgentRun(id, agent, type, startedAt, scheduledAt, status, items, relationships, snapshotId, counts,
				error, Instant.now());
	}

	/** The properties it is stored with (times as epoch milliseconds, the counts as JSON); absent ones are left out. */
	Map<String, Object> properties() {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("id", id);
		p.put("agent", agent);
		p.put("type", type);
		p.put("startedAt", startedAt.toEpochMilli());
		putIfPresent(p, "scheduledAt", scheduledAt == null ? null : scheduledAt.toEpochMilli());
		p.put("status", status);
		putIfPresent(p, "items", items);
		putIfPresent(p, "relationships", relationships);
		putIfPresent(p, "snapshotId", snapshotId);
		putIfPresent(p, "counts", counts == null ? null : Json.write(counts));
		putIfPresent(p, "error", error);
		putIfPresent(p, "endedAt", endedAt == null ? null : endedAt.toEpochMilli());
		return p;
	}

	private static void putIfPresent(Map<String, Object> p, String key, Object value) {
		if (value != null) {
			p.put(key, value);
		}
	}

	/** The run of an {@code r {.*} AS run} row. */
	static AgentRun of(Value r) {
		return new AgentRun(r.get("id").asString(), r.get("agent").asString(), r.get("type").asString(null),
				instant(r.get("startedAt")), instant(r.get("scheduledAt")), r.get("status").asString(),
				integer(r.get("items")), integer(r.get("relationships")), r.get("snapshotId").asString(null),
				counts(r.get("counts").asString(null)), r.get("error").asString(null), instant(r.get("endedAt")));
	}

	/** Stored counts (JSON of operation to entries); null when there are none. */
	static Map<String, Integer> counts(String json) {
		if (json == null) {
			return null;
		}
		Map<String, Integer> out = new LinkedHashMap<>();
		Json.readMap(json).forEach((op, n) -> out.put(op, n instanceof Number x ? x.intValue() : 0));
		return out;
	}

	private static Instant instant(Value millis) {
		return millis.isNull() ? null : Instant.ofEpochMilli(millis.asLong());
	}

	private static Integer integer(Value v) {
		return v.isNull() ? null : v.asInt();
	}

}
