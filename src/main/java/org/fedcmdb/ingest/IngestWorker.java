package org.fedcmdb.ingest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.idempotency.IdempotencyKeys;
import org.fedcmdb.cis.EdgeKeys;
import org.fedcmdb.cis.WriterBusyException;
import org.fedcmdb.cis.WriterLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

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

	private final IngestProperties properties;

	private final IdempotencyKeys idempotency;

	private final Object signal = new Object();

	private final Map<String, Integer> attempts = new HashMap<>();

	private volatile boolean running;

	private volatile boolean woken;

	private Thread thread;

	private final IngestMetrics metrics;

	private final ChunkPrefetch prefetch;

	IngestWorker(SnapshotStore store, ChunkProcessor processor, SnapshotFinisher finisher, WriterLease lock,
			IngestProperties properties, IdempotencyKeys idempotency, IngestMetrics metrics, ChunkPrefetch prefetch) {
		this.prefetch = prefetch;
		this.metrics = metrics;
		this.idempotency = idempotency;
		this.store = store;
		this.processor = processor;
		this.finisher = finisher;
		this.lock = lock;
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
				worked = store.hasWork() && lock.call(this::step);
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

	/** Applies one chunk or finishes one snapshot; false when there was nothing to do. */
	boolean step() {
		// a snapshot whose chunks are all applied is finished right after its last chunk, before the next chunk is taken:
		// with a backlog of other snapshots' chunks, finishing last kept every earlier snapshot PROCESSING until the
		// whole backlog drained. Checked for the chunk's own snapshot (an index look-up); the general scan runs only
		// when no chunk is queued (a snapshot sealed after its last chunk) and, first of all, after a start: a
		// snapshot whose last chunk was applied when the previous process died is finished before the backlog (the
		// 100-kill soak found one left PROCESSING until every queued chunk had drained).
		if (!leftoversFinished) {
			StoredSnapshot left = store.toFinish();
			if (left != null) {
				finish(left);
				return true;
			}
			leftoversFinished = true;
		}
		long t0 = System.nanoTime();
		SnapshotStore.QueuedChunk chunk = store.nextChunk();
		if (chunk != null) {
			long t1 = System.nanoTime();
			applyChunk(chunk);
			long t2 = System.nanoTime();
			StoredSnapshot done = store.readyToFinish(chunk.snapshot().id());
			if (done != null) {
				finish(done);
			}
			if (log.isDebugEnabled()) {
				log.debug("chunk {} of {}: taken in {} ms, applied in {} ms, finished in {} ms", chunk.seq(),
						chunk.snapshot().id(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
						(System.nanoTime() - t2) / 1_000_000);
			}
			return true;
		}
		StoredSnapshot toFinish = store.toFinish();
		if (toFinish != null) {
			finish(toFinish);
			return true;
		}
		return false;
	}

	/**
	 * Finishes a snapshot, at most {@code MAX_ATTEMPTS} times: a finish that keeps failing (a withdrawal past the
	 * transaction timeout, a stored value it cannot read) ends the snapshot FAILED with the reason, as a chunk that
	 * keeps failing does, instead of being tried again for ever, which held every snapshot sealed after it (the oldest
	 * is finished first) and, when left by an earlier process, every chunk too. Its withdrawal is then not made: a
	 * snapshot that could not finish withdraws nothing.
	 */
	private void finish(StoredSnapshot s) {
		String key = s.id() + "|finish";
		try {
			finisher.finish(s);
			attempts.remove(key);
		}
		catch (WriterBusyException ex) {
			throw ex; // another instance's turn
		}
		catch (RuntimeException ex) {
			int n = attempts.merge(key, 1, Integer::sum);
			log.warn("Finishing snapshot {} failed (attempt {}): {}", s.id(), n, ex.toString(), ex);
			if (n < MAX_ATTEMPTS) {
				throw ex;
			}
			attempts.remove(key);
			processor.forget(s.id());
			store.update(s.id(), Map.of("status", "FAILED", "error", "finish: " + ex.getMessage(), "finishedAt",
					System.currentTimeMillis()));
		}
	}

	private void applyChunk(SnapshotStore.QueuedChunk chunk) {
		StoredSnapshot s = chunk.snapshot();
		String id = s.id();
		String key = id + "|" + chunk.seq();
		try {
			SnapshotModel.Envelope env = s.envelope();
			long t0 = System.nanoTime();
			ChunkPrefetch.Parsed parsed = prefetch.take(chunk);
			long parseMs = (System.nanoTime() - t0) / 1_000_000;
			boolean last = s.isLast(chunk.seq());
			ChunkProcessor.Outcome outcome = processor.process(new ChunkProcessor.Context(id, env, chunk.seq(), last),
					parsed.chunk());
			// re-read: settling waiting entries of earlier chunks may have moved the snapshot's counts meanwhile
			Map<String, Object> counts = new LinkedHashMap<>(store.get(id).countsByOperation());
			outcome.counts().forEach((op, n) -> counts.merge(op.name(), n,
					(a, b) -> ((Number) a).intValue() + ((Number) b).intValue()));
			long t1 = System.nanoTime();
			store.chunkDone(id, chunk.seq(), outcome.results(), counts, outcome.edgesCreated(), outcome.reportedEdges(),
					outcome.confirmedLater(), outcome.identityToken(), outcome.waitingRefs());
			if (log.isDebugEnabled()) {
				log.debug("chunk {} of {}: {} in {} ms, results stored in {} ms", chunk.seq(), id,
						parsed.how(), parseMs,
						(System.nanoTime() - t1) / 1_000_000);
			}
			metrics.applied(env.source(), outcome);
			attempts.remove(key);
		}
		catch (WriterBusyException ex) {
			throw ex; // another instance's turn, not a fault of the chunk: retried without counting an attempt
		}
		catch (RuntimeException ex) {
			int n = attempts.merge(key, 1, Integer::sum);
			log.warn("Applying chunk {} of snapshot {} failed (attempt {}): {}", chunk.seq(), id, n, ex.toString(), ex);
			if (n >= MAX_ATTEMPTS) {
				attempts.remove(key);
				store.chunkDone(id, chunk.seq(), List.of(), s.countsByOperation(), 0, EdgeKeys.NONE, List.of(), null,
						List.of());
				processor.forget(id);
				store.update(id, Map.of("status", "FAILED", "error", "chunk " + chunk.seq() + ": " + ex.getMessage(),
						"finishedAt", System.currentTimeMillis()));
			}
			else {
				throw ex;
			}
		}
	}

}
