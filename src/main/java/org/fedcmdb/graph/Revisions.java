package org.fedcmdb.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CI's effective values as of a past instant, from its values now and the history entries recorded after that
 * instant: each ATTRIBUTE, IDENTIFIER or STATUS entry closes one validity interval of a field (its old value) and
 * opens the next (its new value), so undoing the entries after the instant, newest first, gives the values then. Pure:
 * the same code answers in the database's procedure and over the driver.
 */
public final class Revisions {

	/** One history entry that changed an effective value: kind ATTRIBUTE, IDENTIFIER or STATUS, its old value as JSON. */
	public record Entry(String kind, String field, String oldValue, long at) {
	}

	/** Effective values at an instant. */
	public record Values(String status, Map<String, Object> attributes, Map<String, List<String>> identifiers, String name) {

		public Integer criticality() {
			return attributes.get("criticality") instanceof Number n ? n.intValue() : null;
		}

		public Integer minHealthy() {
			return attributes.get("minHealthy") instanceof Number n ? n.intValue() : null;
		}

	}

	private Revisions() {
	}

	/**
	 * @param entries the entries after the instant, in any order
	 */
	@SuppressWarnings("unchecked")
	public static Values revert(String status, Map<String, Object> attributes, Map<String, List<String>> identifiers,
			String name, List<Entry> entries) {
		if (entries.isEmpty()) {
			return new Values(status, attributes, identifiers, name);
		}
		Map<String, Object> attrs = new TreeMap<>(attributes);
		Map<String, List<String>> ids = new TreeMap<>(identifiers);
		String st = status;
		List<Entry> newestFirst = new ArrayList<>(entries);
		newestFirst.sort(Comparator.comparingLong(Entry::at).reversed());
		boolean renamed = false;
		for (Entry e : newestFirst) {
			Object old = e.oldValue() == null ? null : Json.readValue(e.oldValue());
			switch (e.kind()) {
				case "STATUS" -> st = old instanceof String s ? s : st;
				case "ATTRIBUTE" -> {
					put(attrs, e.field(), old);
					renamed = true;
				}
				case "IDENTIFIER" -> {
					if (old instanceof List<?> l) {
						ids.put(e.field(), (List<String>) l);
					}
					else {
						ids.remove(e.field());
					}
					renamed = true;
				}
				default -> {
					// other kinds do not change effective values
				}
			}
		}
		return new Values(st, attrs, ids, renamed ? CiNames.of(attrs, ids) : name);
	}

	private static void put(Map<String, Object> map, String key, Object value) {
		if (value == null) {
			map.remove(key);
		}
		else {
			map.put(key, value);
		}
	}

}
