package org.fedcmdb.cis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.fedcmdb.graph.Json;
import org.fedcmdb.reconciliation.Observation;

/**
 * One source's assertion of a CI ({@link CiState}): its values with their observation times, its identifiers, when it
 * was first and last seen and when it was withdrawn.
 */
final class AssertionState {

	final String source;

	final boolean isNew;

	String scope;

	String ref;

	String snapshotId;

	long firstSeen;

	long seen;

	String hash;

	boolean stale;

	/**
	 * When the source withdrew this assertion (stopped reporting the CI), 0 while it asserts it. A withdrawn
	 * assertion is kept: the CI keeps its identity and last known values (shown as withdrawn), and a record of the
	 * same source that identifies the CI again revives it.
	 */
	long withdrawnAt;

	Map<String, Observation> values = new TreeMap<>();

	Map<String, List<String>> identifiers = new TreeMap<>();

	boolean changed;

	boolean touched;

	AssertionState(String source, boolean isNew) {
		this.source = source;
		this.isNew = isNew;
	}

	static AssertionState fromProps(Map<String, Object> p) {
		AssertionState a = new AssertionState((String) p.get("source"), false);
		a.scope = (String) p.get("scope");
		a.ref = (String) p.get("ref");
		a.snapshotId = (String) p.get("snapshotId");
		a.firstSeen = ((Number) p.getOrDefault("firstSeen", 0L)).longValue();
		a.seen = ((Number) p.getOrDefault("seen", 0L)).longValue();
		a.hash = (String) p.get("hash");
		a.stale = Boolean.TRUE.equals(p.get("stale"));
		a.withdrawnAt = p.get("withdrawnAt") instanceof Number n ? n.longValue() : 0;
		a.identifiers = new TreeMap<>(Json.readIdentifiers((String) p.get("identifiers")));
		Map<String, Object> raw = Json.readMap((String) p.get("values"));
		raw.forEach((k, v) -> {
			List<?> pair = (List<?>) v;
			a.values.put(k, new Observation(pair.get(0), ((Number) pair.get(1)).longValue()));
		});
		return a;
	}

	/**
	 * The properties written for it at {@code now}; {@code since} (now) tells the scope's ScopeSeen written before it
	 * not to confirm it: its own seen time, taken from the effective one when it was loaded, is the latest now.
	 */
	Map<String, Object> toProps(String ciId, long now) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("since", now);
		p.put("key", ciId + "|" + source);
		p.put("source", source);
		p.put("ciId", ciId);
		p.put("scope", scope);
		p.put("ref", ref);
		p.put("snapshotId", snapshotId);
		p.put("firstSeen", firstSeen);
		p.put("seen", seen);
		p.put("hash", hash);
		p.put("stale", stale);
		p.put("withdrawnAt", withdrawnAt == 0 ? null : withdrawnAt);
		// the scope while live, absent once withdrawn: the (source, liveScope, ciId) index holds live ones only (V0019)
		p.put("liveScope", withdrawnAt == 0 ? scope : null);
		Map<String, Object> vals = new TreeMap<>();
		values.forEach((k, o) -> vals.put(k, List.of(o.value(), o.observedAt())));
		p.put("values", Json.write(vals));
		p.put("identifiers", Json.write(identifiers));
		return p;
	}

	boolean withdrawn() {
		return withdrawnAt != 0;
	}

}
