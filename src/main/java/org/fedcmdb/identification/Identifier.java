package org.fedcmdb.identification;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.ClassCatalogue;

/**
 * Decides which existing CI a record is, from the candidates its identity keys found. Pure logic: the caller looks
 * the keys up (in Neo4j, or in the records of the batch being processed) and passes what it found.
 * <p>
 * Rules, in order: the first identifier set that is present on the record and matches a compatible candidate decides.
 * A candidate is incompatible when a higher-priority single-valued set is present on both and differs (a host whose
 * FQDN was reused after a rebuild has another serial: it is another CI). Several compatible candidates are one CI
 * discovered twice: they are merged into the oldest, unless more than {@code maxMerge} match or they conflict with
 * each other, which is refused as MULTI_MATCH rather than guessed. Candidates found through lower-priority sets that
 * are compatible with the record and with the survivor are merged too: a record carrying serial and MAC proves the CI
 * found by serial and the CI found by MAC are one.
 */
public final class Identifier {

	private final ClassCatalogue catalogue;

	private final int maxMerge;

	public Identifier(ClassCatalogue catalogue, int maxMerge) {
		this.catalogue = catalogue;
		this.maxMerge = maxMerge;
	}

	/**
	 * @param keyMatches for each identity key of the record, the ids of the CIs it identifies
	 * @param candidates the candidates by id
	 * @param distinct pairs of CI ids an administrator split apart ("a|b", both orders): never merged again
	 */
	public Decision decide(Identity record, Map<String, Set<String>> keyMatches, Map<String, Candidate> candidates,
			Set<String> distinct) {
		for (Identity.KeySet set : record.keySets()) {
			if (!set.applicable()) {
				continue;
			}
			Set<String> found = matches(set, keyMatches);
			found.removeIf(id -> !compatible(record, candidates.get(id), set.index()));
			if (found.isEmpty()) {
				continue;
			}
			String label = String.join("+", set.attributes());
			List<Candidate> ordered = found.size() == 1 ? List.of(candidates.get(found.iterator().next())) // most
					: found.stream().map(candidates::get)
						.sorted(Comparator.comparingLong(Candidate::firstSeen).thenComparing(Candidate::id)).toList();
			Candidate survivor = ordered.get(0);
			if (ordered.size() > maxMerge) {
				return new Decision(Decision.Kind.MULTI_MATCH, null, List.of(), label, "identifier set " + label
						+ " matches " + ordered.size() + " CIs (more than " + maxMerge + " will not be merged)");
			}
			Set<String> merge = new LinkedHashSet<>();
			for (Candidate other : ordered.subList(1, ordered.size())) {
				if (conflict(survivor, other) || distinct.contains(survivor.id() + "|" + other.id())) {
					return new Decision(Decision.Kind.MULTI_MATCH, null, List.of(), label,
							"identifier set " + label + " matches CIs " + survivor.id() + " and " + other.id()
									+ " whose other identifiers differ");
				}
				merge.add(other.id());
			}
			// Lower- or higher-priority sets that found other CIs: proof that they are the same CI.
			for (Identity.KeySet other : record.keySets()) {
				if (other.index() == set.index() || !other.applicable()) {
					continue;
				}
				for (String id : matches(other, keyMatches)) {
					Candidate c = candidates.get(id);
					if (id.equals(survivor.id()) || merge.contains(id) || merge.size() + 1 >= maxMerge) {
						continue;
					}
					if (compatible(record, c, other.index()) && !conflict(survivor, c)
							&& !distinct.contains(survivor.id() + "|" + id)
							&& merge.stream().noneMatch(m -> conflict(candidates.get(m), c))) {
						merge.add(id);
					}
				}
			}
			if (merge.isEmpty()) {
				return new Decision(Decision.Kind.MATCH, survivor.id(), List.of(), label, null);
			}
			return new Decision(Decision.Kind.MERGE, survivor.id(), List.copyOf(merge), label,
					"record proves " + (merge.size() + 1) + " CIs are one (" + label + ")");
		}
		return Decision.newCi();
	}

	private static Set<String> matches(Identity.KeySet set, Map<String, Set<String>> keyMatches) {
		Set<String> found = new LinkedHashSet<>();
		for (String key : set.keys()) {
			found.addAll(keyMatches.getOrDefault(key, Set.of()));
		}
		return found;
	}

	/** No higher-priority single-valued identifier set is present on both with different values. */
	private boolean compatible(Identity record, Candidate c, int matchedSet) {
		if (c == null || !catalogue.identificationRoot(c.className()).equals(record.root())) {
			return false;
		}
		for (Identity.KeySet set : record.keySets()) {
			if (set.index() >= matchedSet) {
				break;
			}
			if (set.singleValued() && set.applicable() && differs(set.attributes(), record.identifiers(),
					c.identifiers())) {
				return false;
			}
		}
		return true;
	}

	/** Two CIs conflict when any single-valued identifier set is present on both with different values. */
	boolean conflict(Candidate a, Candidate b) {
		if (!catalogue.identificationRoot(a.className()).equals(catalogue.identificationRoot(b.className()))) {
			return true;
		}
		if (!a.scope().equals(b.scope()) && !a.scope().equals(Identity.GLOBAL) && !b.scope().equals(Identity.GLOBAL)) {
			return true;
		}
		for (List<String> set : catalogue.get(a.className()).identification()) {
			if (set.stream().noneMatch(catalogue::isMultiValued) && differs(set, a.identifiers(), b.identifiers())) {
				return true;
			}
		}
		return false;
	}

	private static boolean differs(List<String> attrs, Map<String, List<String>> x, Map<String, List<String>> y) {
		for (String a : attrs) {
			List<String> xv = x.get(a);
			List<String> yv = y.get(a);
			if (xv == null || yv == null || xv.isEmpty() || yv.isEmpty()) {
				return false;
			}
			if (xv.stream().noneMatch(yv::contains)) {
				return true;
			}
		}
		return false;
	}

}
