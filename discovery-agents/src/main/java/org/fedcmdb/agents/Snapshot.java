package org.fedcmdb.agents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot in the v1 contract, built by an agent. Plain maps and lists so that it serialises to exactly the JSON
 * the server documents, with no dependency on the server's classes.
 */
public final class Snapshot {

	private final Map<String, Object> envelope = new LinkedHashMap<>();

	private final List<Map<String, Object>> items = new ArrayList<>();

	private final List<Map<String, Object>> relationships = new ArrayList<>();

	/** What the agent left out and why, for its operator (printed by the runner, kept in the run history; not posted). */
	private final List<String> warnings = new ArrayList<>();

	public Snapshot(String source, String scope, String mode, boolean complete, Instant collectedAt) {
		envelope.put("source", source);
		if (scope != null) {
			envelope.put("scope", scope);
		}
		envelope.put("mode", mode);
		envelope.put("complete", complete);
		envelope.put("collectedAt", collectedAt.toString());
	}

	public static Snapshot full(String source, String scope, Instant collectedAt) {
		return new Snapshot(source, scope, "FULL", true, collectedAt);
	}

	public Map<String, Object> envelope() {
		return envelope;
	}

	public List<Map<String, Object>> items() {
		return items;
	}

	public List<Map<String, Object>> relationships() {
		return relationships;
	}

	/** Marks the snapshot incomplete: the server then withdraws nothing. */
	public Snapshot incomplete() {
		envelope.put("complete", false);
		return this;
	}

	public Snapshot item(String ref, String className, Map<String, ?> identifiers, Map<String, ?> attributes) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("ref", ref);
		item.put("class", className);
		item.put("identifiers", clean(identifiers));
		item.put("attributes", clean(attributes));
		items.add(item);
		return this;
	}

	public Snapshot rel(String type, Object from, Object to) {
		relationships.add(Map.of("type", type, "from", from, "to", to));
		return this;
	}

	public static Map<String, Object> lookup(String className, Map<String, ?> identifiers) {
		return Map.of("class", className, "identifiers", clean(identifiers));
	}

	public Snapshot warn(String warning) {
		warnings.add(warning);
		return this;
	}

	public List<String> warnings() {
		return warnings;
	}

	public boolean hasRef(String ref) {
		return items.stream().anyMatch(i -> ref.equals(i.get("ref")));
	}

	public Map<String, Object> item(String ref) {
		return items.stream().filter(i -> ref.equals(i.get("ref"))).findFirst().orElse(null);
	}

	/** The whole snapshot as one document. */
	public Map<String, Object> toMap() {
		Map<String, Object> m = new LinkedHashMap<>(envelope);
		m.put("items", items);
		m.put("relationships", relationships);
		return m;
	}

	/**
	 * Splits the items into chunks of at most {@code size}, each relationship travelling with the chunk of the item it
	 * starts from (a dependent is identified inside its parent, so the scoping edge must come with the item).
	 * Relationships that start from a look-up go with the last chunk.
	 */
	public List<Map<String, Object>> chunks(int size) {
		Map<String, Integer> chunkOf = new java.util.HashMap<>();
		int n = Math.max(1, (items.size() + size - 1) / size);
		List<Map<String, Object>> out = new ArrayList<>();
		for (int c = 0; c < n; c++) {
			Map<String, Object> chunk = new LinkedHashMap<>();
			List<Map<String, Object>> part = items.subList(Math.min(items.size(), c * size),
					Math.min(items.size(), (c + 1) * size));
			for (Map<String, Object> i : part) {
				chunkOf.put((String) i.get("ref"), c);
			}
			chunk.put("items", part);
			chunk.put("relationships", new ArrayList<Map<String, Object>>());
			out.add(chunk);
		}
		for (Map<String, Object> r : relationships) {
			Object from = r.get("from");
			int c = from instanceof String ref && chunkOf.containsKey(ref) ? chunkOf.get(ref) : n - 1;
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> rels = (List<Map<String, Object>>) out.get(c).get("relationships");
			rels.add(r);
		}
		return out;
	}

	/** Drops null and blank values: an absent value is better than a wrong empty one. */
	static Map<String, Object> clean(Map<String, ?> in) {
		Map<String, Object> out = new LinkedHashMap<>();
		if (in == null) {
			return out;
		}
		in.forEach((k, v) -> {
			if (v == null || (v instanceof String s && s.isBlank()) || (v instanceof List<?> l && l.isEmpty())) {
				return;
			}
			out.put(k, v);
		});
		return out;
	}

	/** Builds a map from alternating keys and values, skipping null values. */
	public static Map<String, Object> map(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			if (kv[i + 1] != null) {
				m.put((String) kv[i], kv[i + 1]);
			}
		}
		return m;
	}

}
