package org.fedcmdb.cis;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The records a FULL snapshot reported unchanged and did not write (their CI's assertion of the source already
 * carried the record's hash, ref and scope): each as a pair of CI id and ref ({@link #pair}), kept with its chunk's
 * results. The snapshot's finish confirms them (a complete one through its scope's ScopeSeen, any other by touching
 * them then), its withdrawal does not take them for gone, and its ref look-ups find them when memory does not
 * ({@link SnapshotRefs}).
 * <p>
 * A pair names the CI the record was applied to. If an assertion moved to another CI since (a merge, a split, a
 * restore: the identity epoch moved), a pair may name a CI that no longer carries it; the ref alone then answers
 * for the withdrawal (keeping an assertion one snapshot longer rather than withdrawing a reported one).
 */
public final class ReportedRefs {

	public static final ReportedRefs NONE = new ReportedRefs(Set.of(), false);

	private final Set<String> pairs;

	private final boolean identityMoved;

	private Map<String, String> byRef;

	private Set<String> ciIds;

	ReportedRefs(Set<String> pairs, boolean identityMoved) {
		this.pairs = pairs;
		this.identityMoved = identityMoved;
	}

	/** The stored form of one record: CI id (a UUID, without '|'), '|', ref. */
	public static String pair(String ciId, String ref) {
		return ciId + "|" + ref;
	}

	/**
	 * @param chunks each chunk's stored pairs
	 * @param identityMoved whether an assertion may have moved to another CI since some of them were stored
	 */
	public static ReportedRefs of(Collection<? extends Collection<String>> chunks, boolean identityMoved) {
		Set<String> pairs = new HashSet<>();
		chunks.forEach(pairs::addAll);
		return pairs.isEmpty() ? NONE : new ReportedRefs(pairs, identityMoved);
	}

	/**
	 * Whether the snapshot reported the source's assertion of this CI without writing it: its CI is one of the pairs'
	 * (under whichever ref: a later snapshot may have renamed it since), or, if an assertion may have moved to another
	 * CI since, its ref is.
	 */
	public boolean reports(String ciId, String ref) {
		if (pairs.isEmpty()) {
			return false;
		}
		return ciIds().contains(ciId) || identityMoved && ref != null && byRef().containsKey(ref);
	}

	public boolean isEmpty() {
		return pairs.isEmpty();
	}

	/** Ref to CI id of every pair (made once). */
	public synchronized Map<String, String> byRef() {
		if (byRef == null) {
			byRef = new HashMap<>();
			pairs.forEach(p -> {
				int bar = p.indexOf('|');
				byRef.put(p.substring(bar + 1), p.substring(0, bar));
			});
		}
		return byRef;
	}

	/**
	 * The pairs' CI ids (made once): straight from the pairs, without the map by ref, which a complete snapshot's
	 * withdrawal does not need unless an assertion moved (two strings and a map entry per pair: a million each for an
	 * unchanged re-send at the benchmark's tier M).
	 */
	synchronized Set<String> ciIds() {
		if (ciIds == null) {
			ciIds = new HashSet<>(pairs.size() * 4 / 3 + 1);
			pairs.forEach(p -> ciIds.add(p.substring(0, p.indexOf('|'))));
		}
		return ciIds;
	}

	/** Whether an assertion may have moved to another CI since some pairs were stored. */
	public boolean identityMoved() {
		return identityMoved;
	}

}
