package org.fedcmdb.cis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a bound records' read found (here and over Bolt): per ref its record, and the refs two live assertions in
 * the scope carry, which {@link #rows()} leaves out.
 */
final class BindingsFound {

	private final Map<String, GraphStore.CandidateRow> rows = new HashMap<>();

	private final Set<String> ambiguous = new HashSet<>();

	void add(String ref, GraphStore.CandidateRow row) {
		if (row != null && (ambiguous.contains(ref) || rows.putIfAbsent(ref, row) != null)) {
			ambiguous.add(ref); // a source's ref names one CI per scope; two are left to identification
		}
	}

	/**
	 * Whether there is nothing more to learn about this ref, its {@code entries}-th index entry read (its assertion
	 * live or not): two live assertions carry it, or more than {@link KernelBindings#MAX_ENTRIES} entries do, and it
	 * is left to identification. A ref a source gave many records over time (a reused address, a DELTA source reusing its
	 * numbering) has an assertion per CI it ever named; reading them all on every report grows with its history.
	 */
	boolean settled(String ref, int entries) {
		if (entries > KernelBindings.MAX_ENTRIES) {
			ambiguous.add(ref);
			return true;
		}
		return entries > 1 && ambiguous.contains(ref); // one entry cannot make a ref ambiguous
	}

	boolean isEmpty() {
		return rows.isEmpty() && ambiguous.isEmpty();
	}

	Map<String, GraphStore.CandidateRow> rows() {
		ambiguous.forEach(rows::remove);
		return rows;
	}

}
