package org.fedcmdb.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chunk's refs numbered once, when it is parsed: slot {@code k} below {@link #items} is the ref of the chunk's
 * {@code k}th item, the slots after it the other refs its relationships name (of earlier chunks, of refused items), in
 * order of first use; every relationship's ends by slot. The worker then keeps a chunk's CIs in an array by slot
 * ({@link #ciBySlot}) instead of looking each end of each relationship up by its ref String, several times per
 * relationship (about eight look-ups in maps of tens of thousands of refs per relationship, 2.8 million relationships
 * in an unchanged tier-M re-send, most of them cache misses).
 */
final class RefSlots {

	/** The ref of each slot. */
	final String[] refs;

	/** Slots 0 to {@code items - 1} are the items' refs, in the chunk's order. */
	final int items;

	/** The slots of each relationship's ends, in the chunk's order; -1 for a look-up end. */
	final int[] from;

	final int[] to;

	private RefSlots(String[] refs, int items, int[] from, int[] to) {
		this.refs = refs;
		this.items = items;
		this.from = from;
		this.to = to;
	}

	static RefSlots of(List<SnapshotModel.Item> items, List<SnapshotModel.Relationship> relationships) {
		Numbering numbering = new Numbering(items.size() + 2 * relationships.size());
		for (SnapshotModel.Item item : items) {
			// the parser refuses a second item with a ref; were there one, its ref would mean the last, as in the
			// worker's map of the chunk's items by ref
			numbering.add(item.ref());
		}
		int[] from = new int[relationships.size()];
		int[] to = new int[relationships.size()];
		for (int j = 0; j < from.length; j++) {
			SnapshotModel.Relationship r = relationships.get(j);
			from[j] = numbering.slot(r.from());
			to[j] = numbering.slot(r.to());
		}
		return new RefSlots(java.util.Arrays.copyOf(numbering.refs, numbering.n), items.size(), from, to);
	}

	/** Refs numbered in order of first use. */
	private static final class Numbering {

		final Map<String, Integer> slotOf;

		final String[] refs;

		int n;

		Numbering(int most) {
			this.slotOf = new HashMap<>(Math.max(16, most * 2));
			this.refs = new String[most];
		}

		void add(String ref) {
			slotOf.put(ref, n);
			refs[n++] = ref;
		}

		int slot(SnapshotModel.Endpoint e) {
			if (!e.isRef()) {
				return -1;
			}
			Integer s = slotOf.get(e.ref());
			if (s != null) {
				return s;
			}
			add(e.ref());
			return n - 1;
		}

	}

	/** The CI of each slot, as {@code ciByRef} says (null where it has none). */
	String[] ciBySlot(Map<String, String> ciByRef) {
		String[] out = new String[refs.length];
		for (int s = 0; s < refs.length; s++) {
			out[s] = ciByRef.get(refs[s]);
		}
		return out;
	}

}
