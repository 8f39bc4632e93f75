package org.fedcmdb.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;

import org.fedcmdb.identification.Candidate;

/** The working memory of one chunk while its steps run: which CI each ref is, the results so far, timings. */
final class ChunkWork {

	final ChunkProcessor.Context ctx;

	final long now;

	/** Which CI each ref is: first the refs of earlier chunks this chunk names (the map they were resolved into). */
	Map<String, String> refToCi = new HashMap<>();

	final Set<String> rejectedRefs = new HashSet<>();

	final Map<Integer, SnapshotModel.Result> itemResults = new TreeMap<>();

	final List<SnapshotModel.Result> otherResults = new ArrayList<>();

	/** Identity keys of CIs created in this chunk, not yet visible to a look-up in the database. */
	final Map<String, String> chunkKeys = new HashMap<>();

	final Map<String, Candidate> chunkCandidates = new HashMap<>();

	/** Identity keys CIs gained in this chunk: what waiting edges and records may have waited for. */
	final Set<String> addedKeys = new LinkedHashSet<>();

	/** CIs this chunk created. */
	final Set<String> createdIds = new HashSet<>();

	/**
	 * Unchanged records of a FULL snapshot not written, as {@link org.fedcmdb.cis.ReportedRefs#pair}s: stored with
	 * the chunk's results, for the snapshot's finish to confirm them and for its ref look-ups.
	 */
	final List<String> confirmedLater = new ArrayList<>();

	/** Keys of the edges this chunk reported (created, already there, or completed from waiting). */
	final LongStream.Builder reported = LongStream.builder();

	/** Milliseconds per step, logged at DEBUG: where a slow chunk spends its time. */
	final Map<String, Long> timings = new LinkedHashMap<>();

	private long mark = System.nanoTime();

	ChunkWork(ChunkProcessor.Context ctx, long now) {
		this.ctx = ctx;
		this.now = now;
	}

	void lap(String step) {
		long t = System.nanoTime();
		timings.merge(step, (t - mark) / 1_000_000, Long::sum);
		mark = t;
	}

	String source() {
		return ctx.env().source();
	}

	long collectedAt() {
		return ctx.env().collectedAt();
	}

	void reject(SnapshotModel.Item item, String code, String message) {
		itemResults.put(item.index(), SnapshotModel.Result.rejectItem(item.index(), item.ref(), code, message));
		rejectedRefs.add(item.ref());
	}

	/** True when the ref is an item of this chunk that was refused (or whose result is already decided otherwise). */
	boolean refused(String ref, Map<String, SnapshotModel.Item> byRef) {
		return rejectedRefs.contains(ref) || (byRef.containsKey(ref) && itemResults.containsKey(byRef.get(ref).index()));
	}

	/** This chunk's own waiting entries that resolved before the chunk ended: their results say how. */
	void replaceResults(List<SnapshotModel.Result> resolved) {
		for (SnapshotModel.Result r : resolved) {
			otherResults.replaceAll(o -> o.kind().equals(r.kind()) && o.index() == r.index() ? r.inChunk(0) : o);
		}
	}

}
