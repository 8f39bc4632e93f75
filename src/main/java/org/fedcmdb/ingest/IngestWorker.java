package org.fedcmdb.ingest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.fedcmdb.idempotency.IdempotencyKeys;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.cis.EdgeKeys;
import org.fedcmdb.cis.WriterBusyException;
import org.fedcmdb.cis.WriterLease;
import org.fedcmdb.graph.Json;
import org.fedcmdb.reconciliation.RulesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Applies stored chunks one at a time, oldest first, and finishes sealed snapshots. Because chunks are read back from
 * the database, a restart (or a crash) resumes where processing stopped; re-applying a chunk that was applied but not
 * yet marked done changes nothing, since its records are recognised as unchanged.
 */
@Component
class IngestWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IngestWorker.class);

	private static final int MAX_ATTEMPTS = 3;

	private final SnapshotStore store;

	private final ChunkProcessor processor;

	private final SnapshotFinisher finisher;

	private final WriterLease lock;

	private final SnapshotParser parser;

	private final IngestProperties properties;

	private final IdempotencyKeys idempotency;

	private final Object signal = new Object();

	private final Map<String, Integer> attempts = new HashMap<>();

	private volatile boolean running;

	private volatile boolean woken;

	private Thread thread;

	private final IngestMetrics metrics;

	/** Writes a chunk's relationships while the worker applies the next chunk's items ({@link InFlight}). */
	private final ExecutorService completer = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "fedcmdb-ingest-edges");
		t.setDaemon(true);
		return t;
	});

	/** The chunk whose second part ({@link ChunkProcessor#complete}) runs on {@link #completer}; worker thread only. */
	private InFlight inFlight;

	/** A chunk being completed on the second thread: its results are stored when that ends. */
	private record InFlight(SnapshotStore.QueuedChunk chunk, String snapshotId, String key, Future<?> done) {
	}

	/** The previous chunk's completion failed: counted against it, not against the chunk that waited for it. */
	private static final class InFlightFailed extends RuntimeException {

		InFlightFailed(String message, Throwable cause) {
			super(message, cause);
		}

	}

	IngestWorker(SnapshotStore store, ChunkProcessor processor, SnapshotFinisher finisher, WriterLease lock,
			ClassCatalogue catalogue, RulesConfig rules, IngestProperties properties, IdempotencyKeys idempotency,
			IngestMetrics metrics) {
		this.metrics = metrics;
		this.idempotency = idempotency;
		this.store = store;
		this.processor = processor;
		this.finisher = finisher;
		this.lock = lock;
		this.parser = new SnapshotParser(catalogue, rules, Integer.MAX_VALUE);
		this.properties = properties;
	}

	void wake() {
		synchronized (signal) {
			woken = true;
			signal.notifyAll();
		}
	}

	@Override
	public void start() {
		if (!properties.workerEnabled()) {
			return;
		}
		running = true;
		thread = new Thread(this::loop, "fedcmdb-ingest");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		wake();
		if (thread != null) {
			try {
				thread.join(30_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			completer.shutdown(); // the loop awaited its last chunk; a stalled one is left to the next start
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 100; // stops before the web server closes connections and the driver closes
	}

	private void loop() {
		long purgeAt = 0;
		while (running) {
			boolean worked;
			try {
				// a read outside the lock first, so that idle instances do not take turns at the writer lease
				worked = store.hasWork() && lock.call(this::steps);
				if (System.currentTimeMillis() > purgeAt) {
					store.purge(System.currentTimeMillis() - properties.resultRetention().toMillis());
					idempotency.purge();
					purgeAt = System.currentTimeMillis() + 3_600_000;
				}
			}
			catch (RuntimeException ex) {
				if (!running) {
					return;
				}
				log.warn("Ingestion step failed, retrying: {}", ex.toString());
				worked = false;
				sleep(1_000);
			}
			if (!worked) {
				synchronized (signal) {
					if (!woken && running) {
						try {
							signal.wait(1_000);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							return;
						}
					}
					woken = false;
				}
			}
		}
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Whether the snapshots an earlier process left unfinished were finished (once per start). */
	private volatile boolean leftoversFinished;

	/** How long the worker keeps the lease for chunks whose relationships are in flight, unless a writer waits. */
	private static final long HOLD_MS = 10_000;

	/**
	 * Steps under one hold of the writer lease while a chunk's relationships are in flight (they are written beside
	 * the next chunk's items), for at most {@link #HOLD_MS} or until another writer of this instance waits; then waits
	 * for them, so that the lease is never released with a write of the worker still running.
	 */
	private boolean steps() {
		try {
			boolean worked = step();
			long until = System.currentTimeMillis() + HOLD_MS;
			while (worked && inFlight != null && running && System.currentTimeMillis() < until
					&& !lock.othersWaiting()) {
				worked = step();
			}
			return endInFlight() || worked;
		}
		finally {
			if (inFlight != null) {
				// a step failed with a chunk in flight: it ends (or fails, counted against it) before the lease goes
				try {
					awaitInFlight();
				}
				catch (InFlightFailed ex) {
					log.warn("{}", ex.getMessage());
				}
			}
		}
	}

	/** Waits for the chunk in flight, if any, and finishes its snapshot if that was its last chunk. */
	private boolean endInFlight() {
		if (inFlight == null) {
			return false;
		}
		String snapshotId = inFlight.snapshotId();
		awaitInFlight();
		Map<String, Object> done = store.readyToFinish(snapshotId);
		if (done != null) {
			finisher.finish(done);
		}
		return true;
	}

	/** Applies one chunk or finishes one snapshot; false when there was nothing to do. */
	boolean step() {
		// a snapshot whose chunks are all applied is finished right after its last chunk, before the next chunk is taken:
		// with a backlog of other snapshots' chunks, finishing last kept every earlier snapshot PROCESSING until the
		// whole backlog drained. Checked for the chunk's own snapshot (an index look-up); the general scan runs only
		// when no chunk is queued (a snapshot sealed after its last chunk) and, first of all, after a start: a
		// snapshot whose last chunk was applied when the previous process died is finished before the backlog (the
		// 100-kill soak found one left PROCESSING until every queued chunk had drained).
		if (!leftoversFinished) {
			Map<String, Object> left = store.toFinish();
			if (left != null) {
				finisher.finish(left);
				return true;
			}
			leftoversFinished = true;
		}
		long t0 = System.nanoTime();
		SnapshotStore.QueuedChunk chunk = store.nextChunk(inFlight == null ? null : inFlight.key());
		if ((chunk == null || !chunk.snapshot().get("id").equals(inFlight == null ? null : inFlight.snapshotId()))
				&& endInFlight()) {
			// the next chunk is another snapshot's, or none is queued: the one in flight ended first, and its snapshot
			// was finished if that was its last chunk
			return true;
		}
		if (chunk != null) {
			long t1 = System.nanoTime();
			boolean completed = applyChunk(chunk);
			long t2 = System.nanoTime();
			Map<String, Object> done = completed ? store.readyToFinish((String) chunk.snapshot().get("id")) : null;
			if (done != null) {
				finisher.finish(done);
			}
			if (log.isDebugEnabled()) {
				log.debug("chunk {} of {}: taken in {} ms, applied in {} ms{}, finished in {} ms", chunk.seq(),
						chunk.snapshot().get("id"), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
						completed ? "" : " (its relationships in flight)", (System.nanoTime() - t2) / 1_000_000);
			}
			return true;
		}
		Map<String, Object> toFinish = store.toFinish();
		if (toFinish != null) {
			finisher.finish(toFinish);
			return true;
		}
		return false;
	}

	/**
	 * Applies a chunk: its items here (while the previous chunk's relationships are written on the second thread),
	 * then, once those are written, what waited for its CIs, and its own relationships: on the second thread when more
	 * of its snapshot may follow and it has no deletions ({@code overlap-edges}), else here. Returns whether the chunk
	 * is done (false: its relationships are in flight).
	 */
	private boolean applyChunk(SnapshotStore.QueuedChunk chunk) {
		Map<String, Object> s = chunk.snapshot();
		String id = (String) s.get("id");
		String key = id + "|" + chunk.seq();
		try {
			SnapshotModel.Envelope env = SnapshotStore.envelope(s);
			long t0 = System.nanoTime();
			JsonNode body = Json.MAPPER.readTree(chunk.payload());
			SnapshotModel.Chunk parsed = parser.chunk(body);
			long parseMs = (System.nanoTime() - t0) / 1_000_000;
			boolean last = Boolean.TRUE.equals(s.get("sealed"))
					&& chunk.seq() == ((Number) s.get("chunks")).intValue();
			ChunkProcessor.Prepared prepared = processor.settle(processor.prepare(
					new ChunkProcessor.Context(id, env, chunk.seq(), last), parsed, this::awaitInFlight));
			if (properties.overlapEdges() && !last && prepared.edgesOnly()) {
				inFlight = new InFlight(chunk, id, key, completer.submit(() -> complete(prepared, id, chunk.seq(), parseMs)));
				return false;
			}
			complete(prepared, id, chunk.seq(), parseMs);
			applied(key);
			return true;
		}
		catch (WriterBusyException | InFlightFailed ex) {
			// another instance's turn, or the previous chunk's failure: not a fault of this chunk, which is retried
			// without counting an attempt
			throw ex;
		}
		catch (RuntimeException ex) {
			failed(chunk, key, ex);
			return false;
		}
	}

	/** The chunk's second part and its results stored. */
	private void complete(ChunkProcessor.Prepared prepared, String id, int seq, long parseMs) {
		ChunkProcessor.Outcome outcome = processor.complete(prepared);
		// re-read: settling waiting entries of earlier chunks may have moved the snapshot's counts meanwhile
		Map<String, Object> counts = new LinkedHashMap<>(Json.readMap((String) store.get(id).get("counts")));
		outcome.counts().forEach((op, n) -> counts.merge(op.name(), n,
				(a, b) -> ((Number) a).intValue() + ((Number) b).intValue()));
		long t1 = System.nanoTime();
		store.chunkDone(id, seq, outcome.results(), counts, outcome.edgesCreated(), outcome.reportedEdges());
		if (log.isDebugEnabled()) {
			log.debug("chunk {} of {}: parsed in {} ms, results stored in {} ms", seq, id, parseMs,
					(System.nanoTime() - t1) / 1_000_000);
		}
		metrics.applied(prepared.w().source(), outcome);
	}

	private void applied(String key) {
		attempts.remove(key);
	}

	/**
	 * Waits for the chunk in flight to be done. Its failure is counted against it (as {@link #failed}) and raised as
	 * {@link InFlightFailed}, so that the chunk that waited is left queued, not counted.
	 */
	private void awaitInFlight() {
		InFlight f = inFlight;
		if (f == null) {
			return;
		}
		inFlight = null;
		try {
			f.done().get();
			applied(f.key());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InFlightFailed("interrupted while chunk " + f.key() + " was completed", ex);
		}
		catch (ExecutionException ex) {
			RuntimeException cause = ex.getCause() instanceof RuntimeException r ? r
					: new IllegalStateException(ex.getCause());
			if (!(cause instanceof WriterBusyException)) {
				try {
					failed(f.chunk(), f.key(), cause);
				}
				catch (RuntimeException retried) {
					// below the attempt limit: the chunk is queued again
				}
			}
			throw new InFlightFailed("chunk " + f.key() + " failed: " + cause, cause);
		}
	}

	/** Counts a failed attempt; the third fails the chunk's snapshot, else the failure is raised to retry it. */
	private void failed(SnapshotStore.QueuedChunk chunk, String key, RuntimeException ex) {
		Map<String, Object> s = chunk.snapshot();
		String id = (String) s.get("id");
		int n = attempts.merge(key, 1, Integer::sum);
		log.warn("Applying chunk {} of snapshot {} failed (attempt {}): {}", chunk.seq(), id, n, ex.toString(), ex);
		if (n >= MAX_ATTEMPTS) {
			attempts.remove(key);
			store.chunkDone(id, chunk.seq(), List.of(), Json.readMap((String) s.get("counts")), 0, EdgeKeys.NONE);
			store.update(id, Map.of("status", "FAILED", "error", "chunk " + chunk.seq() + ": " + ex.getMessage(),
					"finishedAt", System.currentTimeMillis()));
		}
		else {
			throw ex;
		}
	}

}
