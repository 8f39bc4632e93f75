package org.fedcmdb.ingest;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.springframework.stereotype.Component;

/**
 * Snapshots posted in one request, their chunk as parsed when it was received (the request parses it for the
 * envelope), kept for this instance's worker so that it need not parse the stored payload again. The chunks of a
 * chunked snapshot are only checked when received ({@link ChunkShape}) and parsed by the worker, ahead of the chunk
 * before them ({@link ChunkPrefetch}). Only an optimisation: the stored payload
 * stays the truth, and a chunk not found here (another instance received it, this one restarted, or it did not fit)
 * is parsed from the store. Bounded by the received bodies' size ({@link #BUDGET_BYTES}); a chunk that does not fit is
 * not kept rather than one evicted, since the oldest are the ones the worker takes next; an entry no worker took within
 * {@link #MAX_AGE_MS} (its chunk applied elsewhere) is dropped. Written by hand because a cache's eviction (least
 * recently or frequently used) would drop exactly the entries about to be used.
 */
@Component
class ParsedChunks {

	static final long BUDGET_BYTES = 32L << 20;

	static final long MAX_AGE_MS = 10 * 60_000;

	private record Entry(SnapshotModel.Chunk chunk, long bytes, long at) {
	}

	private final Map<String, Entry> byKey = new LinkedHashMap<>();

	private long used;

	/**
	 * The last chunk taken: the worker's prefetch, when it starts only after the worker took the chunk after its
	 * previous one (taken from here), would otherwise find it not held and read and parse it again for nothing.
	 */
	private String lastTaken;

	private final LongSupplier clock;

	ParsedChunks() {
		this(System::currentTimeMillis);
	}

	ParsedChunks(LongSupplier clock) {
		this.clock = clock;
	}

	/** Keeps a received chunk if it fits; {@code bytes}: the size of its request body. */
	synchronized void put(String snapshotId, int seq, SnapshotModel.Chunk chunk, long bytes) {
		long now = clock.getAsLong();
		dropOlderThan(now - MAX_AGE_MS);
		if (used + bytes > BUDGET_BYTES) {
			return;
		}
		Entry previous = byKey.put(snapshotId + "|" + seq, new Entry(chunk, bytes, now));
		used += bytes - (previous == null ? 0 : previous.bytes());
	}

	/** The parsed chunk, removed; null when this instance does not hold it. */
	synchronized SnapshotModel.Chunk take(String snapshotId, int seq) {
		String key = snapshotId + "|" + seq;
		Entry e = byKey.remove(key);
		if (e == null) {
			return null;
		}
		lastTaken = key;
		used -= e.bytes();
		return e.chunk();
	}

	/** Whether this instance holds the chunk parsed (left in place), or its worker took it from here last. */
	synchronized boolean holds(String snapshotId, int seq) {
		String key = snapshotId + "|" + seq;
		return byKey.containsKey(key) || key.equals(lastTaken);
	}

	synchronized long usedBytes() {
		return used;
	}

	private void dropOlderThan(long limit) {
		for (Iterator<Entry> it = byKey.values().iterator(); it.hasNext();) {
			Entry e = it.next();
			if (e.at() >= limit) {
				return; // insertion order: the rest are younger
			}
			used -= e.bytes();
			it.remove();
		}
	}

}
