package org.fedcmdb.cis;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

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
 * Primitive long sets from Eclipse Collections (already in the embedded Neo4j's dependencies): a million boxed Longs
 * would cost about 50 MB of heap, the primitive set about 16.
 */
final class AssertedEdges {

	/** Most keys kept (about 320 MB); past it, further edges are looked up as before. */
	static final int MAX_KEYS = 20_000_000;

	private final Map<String, LongHashSet> bySource = new HashMap<>();

	private String token;

	private int size;

	/** True when {@code source} asserts the edge for sure: the sets were filled under {@code currentToken}. */
	synchronized boolean knows(String currentToken, String source, long key) {
		if (!Objects.equals(token, currentToken)) {
			return false;
		}
		LongHashSet set = bySource.get(source);
		return set != null && set.contains(key);
	}

	/** After a committed write under {@code currentToken}: the source asserts these edges. */
	synchronized void asserted(String currentToken, String source, long[] keys) {
		if (!Objects.equals(token, currentToken)) {
			clear(currentToken);
		}
		LongHashSet set = bySource.computeIfAbsent(source, k -> new LongHashSet());
		for (long key : keys) {
			if (size >= MAX_KEYS) {
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

	synchronized int size() {
		return size;
	}

	private void clear(String newToken) {
		bySource.clear();
		size = 0;
		token = newToken;
	}

}
