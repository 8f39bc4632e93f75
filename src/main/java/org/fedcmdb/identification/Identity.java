package org.fedcmdb.identification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.fedcmdb.catalogue.CiClass;
import org.fedcmdb.catalogue.ClassCatalogue;

/**
 * The normalised identifiers of a record and the identity keys they produce, one group per identifier set of its
 * class in rule order. A key reads {@code root|set|scope|value...}: the class that owns the rules (so a Server and a
 * VirtualMachine record can be the same Host), the set's identifiers, the parent CI for dependent classes, and the
 * values.
 *
 * @param identifiers normalised identifier values, each a sorted list
 * @param keySets one entry per identifier set of the class, in rule order; empty keys when the record lacks one of
 * the set's identifiers
 */
public record Identity(String className, String root, String scope, Map<String, List<String>> identifiers,
		List<KeySet> keySets) {

	public static final String GLOBAL = "-";

	/** Keys of one identifier set. {@code singleValued}: no multi-valued identifier, so two different keys conflict. */
	public record KeySet(int index, List<String> attributes, List<String> keys, boolean singleValued) {
		public boolean applicable() {
			return !keys.isEmpty();
		}
	}

	/** Every identity key of the record, set by set in rule order (read-only). */
	public List<String> allKeys() {
		int size = 0;
		int sets = 0;
		KeySet last = null;
		for (KeySet k : keySets) {
			if (!k.keys().isEmpty()) {
				size += k.keys().size();
				sets++;
				last = k;
			}
		}
		if (sets == 0) {
			return List.of();
		}
		if (sets == 1) {
			// a record whose keys come from one set (most): its keys as they are, not copied for each asker
			return java.util.Collections.unmodifiableList(last.keys());
		}
		List<String> out = new ArrayList<>(size);
		for (KeySet k : keySets) {
			out.addAll(k.keys());
		}
		return java.util.Collections.unmodifiableList(out);
	}

	/**
	 * Normalises {@code raw} identifiers of a record of {@code className}.
	 * @param scope the id of the parent CI a dependent class is identified inside, or null
	 * @throws IllegalArgumentException naming the identifier when a value is malformed
	 */
	public static Identity of(ClassCatalogue catalogue, String className, Map<String, ?> raw, String scope) {
		return of(catalogue, className, normalise(catalogue, className, raw), scope, true);
	}

	/** Keys from already normalised identifiers (as stored on a CI). */
	public static Identity ofNormalised(ClassCatalogue catalogue, String className,
			Map<String, List<String>> normalised, String scope) {
		return of(catalogue, className, normalised, scope, false);
	}

	private static Identity of(ClassCatalogue catalogue, String className, Map<String, List<String>> ids,
			String scope, boolean unused) {
		CiClass c = catalogue.get(className);
		String root = catalogue.identificationRoot(className);
		String sc = scope == null || !c.isScoped() ? GLOBAL : scope;
		List<KeySet> sets = new ArrayList<>();
		List<List<String>> rules = c.identification();
		for (int i = 0; i < rules.size(); i++) {
			List<String> attrs = rules.get(i);
			List<String> keys = new ArrayList<>();
			// loops, not streams: this runs for every item parsed (streams' pipelines were 1.4 GB of allocations in
			// an unchanged tier-M re-send's parse)
			boolean present = true;
			boolean single = true;
			for (String a : attrs) {
				present &= !real(ids.get(a)).isEmpty();
				single &= !catalogue.isMultiValued(a);
			}
			if (present) {
				String prefix = root + "|" + String.join("+", attrs) + "|" + sc;
				product(attrs, 0, ids, new StringBuilder(prefix), keys);
			}
			sets.add(new KeySet(i, attrs, keys, single));
		}
		return new Identity(className, root, sc, ids, sets);
	}

	/** The values that can form identity keys: all but the placeholder marker. */
	static List<String> real(List<String> values) {
		if (values == null) {
			return List.of();
		}
		return values.contains(PLACEHOLDER) ? values.stream().filter(v -> !PLACEHOLDER.equals(v)).toList() : values;
	}

	private static void product(List<String> attrs, int i, Map<String, List<String>> ids, StringBuilder prefix,
			List<String> out) {
		if (i == attrs.size()) {
			out.add(prefix.toString());
			return;
		}
		for (String v : real(ids.get(attrs.get(i)))) {
			int len = prefix.length();
			prefix.append('|').append(v);
			product(attrs, i + 1, ids, prefix, out);
			prefix.setLength(len);
		}
	}

	/**
	 * The value kept for a serial number or UUID the source reported as a vendor placeholder ("To Be Filled By
	 * O.E.M.", an all-zero UUID). It forms no identity key (it would match every such machine), but it is remembered:
	 * a machine known to have no real serial is not the machine of a record that carries a real one. Precision over
	 * recall: a record for the same box with a sticker serial becomes a second CI to merge by hand, never a silent
	 * false merge of two machines that share a reused host name.
	 */
	public static final String PLACEHOLDER = "(placeholder)";

	/** Normalised, sorted, de-duplicated identifier values; unknown kinds are trimmed text. */
	public static Map<String, List<String>> normalise(ClassCatalogue catalogue, String className, Map<String, ?> raw) {
		Map<String, List<String>> out = new TreeMap<>();
		if (raw == null) {
			return out;
		}
		for (Map.Entry<String, ?> e : raw.entrySet()) {
			String kind = catalogue.normaliser(className, e.getKey());
			List<String> values = new ArrayList<>();
			for (Object v : asCollection(e.getValue())) {
				if (v == null) {
					continue;
				}
				if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
					throw new IllegalArgumentException("identifier '" + e.getKey() + "' must be a string, number or list of them");
				}
				String n;
				try {
					n = Normaliser.normalise(kind, String.valueOf(v));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("identifier '" + e.getKey() + "': " + ex.getMessage());
				}
				if (n == null && Normaliser.isPlaceholder(kind, String.valueOf(v))) {
					n = PLACEHOLDER;
				}
				if (n != null && catalogue.isShared(kind, n)) {
					continue; // carried by several machines (a VRRP router MAC): identifies nothing
				}
				if (n != null && !values.contains(n)) {
					values.add(n);
				}
			}
			if (values.size() > 1) {
				values.remove(PLACEHOLDER); // a real value alongside a placeholder: the real one is what is known
			}
			if (!values.isEmpty()) {
				values.sort(null);
				out.put(e.getKey(), List.copyOf(values));
			}
		}
		return out;
	}

	private static Collection<?> asCollection(Object v) {
		if (v instanceof Collection<?> c) {
			return c;
		}
		return v == null ? List.of() : List.of(v);
	}

}
