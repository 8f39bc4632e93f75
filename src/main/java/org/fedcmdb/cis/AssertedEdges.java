package org.fedcmdb.cis;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;

/**
 * Which edges each source asserts, as {@link EdgeKeys}, remembered in memory so that an unchanged re-send does not
 * look every reported edge up again (two index seeks and an expand per edge were most of a re-send's database time).
 * "Still seen" for an edge is already the snapshot's reported-edge set; this makes "already asserted" O(1) as well.
 *
 * <p>
 * The sets are only ever trusted under the store's edge epoch they were filled under: every removal of a source's
 * assertion of an edge (withdrawals, merges) writes a new epoch token in its own transaction, so a removal made by
 * this instance updates the sets and moves them to the new token, and one made by another instance sharing the
 * database (or a restore) makes them start over. All of it runs under the writer lease, so no write interleaves
 * between reading the token and writing the edges. A key missing from the set only costs the look-up it saves;
 * a false hit of the 64-bit key is the reported-edge sets' own risk (about 10^-8 for a million edges).
 *
 * <p>
 * A source's set is <em>complete</em> once it was loaded whole from the store ({@link #loaded}) and every change since
 * was made by this instance under the epoch's chain of tokens (additions move the epoch too, so another instance's
 * additions break the chain): then "every edge the source asserts was reported by this complete FULL snapshot" is a
 * check in memory ({@link #coveredBy}), and an unchanged re-send does not read the scope's edges to withdraw none.
 *
 * <p>
 * Primitive long sets from Eclipse Collections (already in the embedded Neo4j's dependencies): a million boxed Longs
 * would cost about 50 MB of heap, the primitive set about 16.
 */
final class AssertedEdges {

	/** Most keys kept (about 320 MB); past it, further edges are looked up as before and no set is complete. */
	static final int MAX_KEYS = 20_000_000;

	private final Map<String, LongHashSet> bySource = new HashMap<>();

	/** Sources whose set holds every edge they assert under {@link #token}. */
	private final Set<String> complete = new HashSet<>();

	private final int maxKeys;

	private String token;

	private int size;

	AssertedEdges() {
		this(MAX_KEYS);
	}

	AssertedEdges(int maxKeys) {
		this.maxKeys = maxKeys;
	}

	/** True when {@code source} asserts the edge for sure: the sets were filled under {@code currentToken}. */
	synchronized boolean knows(String currentToken, String source, long key) {
		if (!Objects.equals(token, currentToken)) {
			return false;
		}
		LongHashSet set = bySource.get(source);
		return set != null && set.contains(key);
	}

	/**
	 * After a committed write that added these edges to the source's assertions and moved the epoch from
	 * {@code oldToken} to {@code newToken}. Sets made under another token than {@code oldToken} start over.
	 */
	synchronized void added(String oldToken, String newToken, String source, long[] keys) {
		if (!Objects.equals(token, oldToken)) {
			clear(newToken);
		}
		token = newToken;
		LongHashSet set = bySource.computeIfAbsent(source, k -> new LongHashSet());
		for (long key : keys) {
			if (size >= maxKeys) {
				complete.clear(); // what did not fit is unknown: no set is the whole truth any more
				return;
			}
			if (set.add(key)) {
				size++;
			}
		}
	}

	/**
	 * After a committed removal that moved the epoch from {@code oldToken} to {@code newToken}: the source no longer
	 * asserts these edges. Sets made under another token than {@code oldToken} start over.
	 */
	synchronized void removed(String oldToken, String newToken, String source, Collection<Long> keys) {
		if (!Objects.equals(token, oldToken)) {
			clear(newToken);
			return;
		}
		LongHashSet set = bySource.get(source);
		if (set != null) {
			for (long key : keys) {
				if (set.remove(key)) {
					size--;
				}
			}
		}
		token = newToken;
	}

	/** Every edge {@code source} asserts, read under {@code currentToken}: its set is complete from now on. */
	synchronized void loaded(String currentToken, String source, LongHashSet keys) {
		if (!Objects.equals(token, currentToken)) {
			clear(currentToken);
		}
		LongHashSet old = bySource.put(source, keys);
		size += keys.size() - (old == null ? 0 : old.size());
		if (size <= maxKeys) {
			complete.add(source);
		}
		else {
			bySource.remove(source);
			size -= keys.size();
		}
	}

	/** Whether a set of {@code keys} keys for {@code source}, in place of the one it has, would fit the room left. */
	synchronized boolean fits(String source, long keys) {
		LongHashSet old = bySource.get(source);
		return size - (old == null ? 0 : old.size()) + keys <= maxKeys;
	}

	/** Whether the source's set is complete under {@code currentToken} ({@link #loaded} otherwise). */
	synchronized boolean isComplete(String currentToken, String source) {
		return Objects.equals(token, currentToken) && complete.contains(source);
	}

	/**
	 * True when the source's set is complete under {@code currentToken} and every edge in it is in {@code reported}
	 * (sorted {@link EdgeKeys}): the snapshot left no edge of the source unreported, whatever its scope.
	 */
	synchronized boolean coveredBy(String currentToken, String source, long[] reported) {
		if (!isComplete(currentToken, source)) {
			return false;
		}
		LongHashSet set = bySource.get(source);
		return set == null || set.isEmpty() || covers(reported, set);
	}

	/**
	 * Whether the sorted {@code reported} keys hold every key of {@code set}: the reported keys walked in order, each
	 * probed in the set, and the hits counted (a repeated key once). A binary search of the reported keys for each of
	 * the set's (the check's first form) missed the processor's caches a dozen times a key: about a second for an
	 * unchanged re-send of the benchmark's 2.8 million edges, where one probe a key misses about once.
	 */
	static boolean covers(long[] reported, LongHashSet set) {
		if (reported.length < set.size()) {
			return false;
		}
		int hits = 0;
		for (int i = 0; i < reported.length; i++) {
			if ((i == 0 || reported[i] != reported[i - 1]) && set.contains(reported[i])) {
				hits++;
			}
		}
		return hits == set.size();
	}

	synchronized int size() {
		return size;
	}

	private void clear(String newToken) {
		bySource.clear();
		complete.clear();
		size = 0;
		token = newToken;
	}

}
