package org.fedcmdb.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.fedcmdb.cis.ReportedRefs;
import org.fedcmdb.cis.ScopeSeen;
import org.fedcmdb.cis.SnapshotRefs;
import org.fedcmdb.cis.Withdrawals;
import org.fedcmdb.events.EventDraft;
import org.fedcmdb.events.EventTypes;
import org.fedcmdb.graph.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.util.StopWatch;

/**
 * Finishes a snapshot whose chunks are all applied: settles the edges that waited for refs of later chunks, withdraws
 * what a complete FULL snapshot did not report, and marks it COMPLETED with its {@code snapshot.applied} event (and
 * {@code snapshot.withdrawal_refused} when the safety cap held) in the same transaction.
 */
@Component
class SnapshotFinisher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SnapshotFinisher.class);

	private final SnapshotStore store;

	private final Withdrawals withdrawals;

	private final SnapshotRefs refs;

	private final ScopeSeen scopeSeen;

	private final PendingStore pending;

	private final PendingSettlement settlement;

	private final IngestMetrics metrics;

	private final int settleBatch;

	private final ExecutorService counter = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "fedcmdb-finish-count");
		t.setDaemon(true);
		return t;
	});

	SnapshotFinisher(SnapshotStore store, Withdrawals withdrawals, SnapshotRefs refs, ScopeSeen scopeSeen,
			PendingStore pending, PendingSettlement settlement, IngestMetrics metrics, IngestProperties properties) {
		this.scopeSeen = scopeSeen;
		this.store = store;
		this.withdrawals = withdrawals;
		this.refs = refs;
		this.pending = pending;
		this.settlement = settlement;
		this.metrics = metrics;
		this.settleBatch = properties.settleBatch();
	}

	void finish(StoredSnapshot s) {
		String id = s.id();
		SnapshotModel.Envelope env = s.envelope();
		StopWatch steps = new StopWatch("finish of snapshot " + id);
		boolean full = env.mode() == SnapshotModel.Mode.FULL;
		boolean withdraws = full && env.complete();
		// the unchanged records' pairs are read and the withdrawal counted (reads of the snapshot's chunks and of the
		// scope's assertions, which settling the waiting edges does not write) on the other core while the waiting
		// edges settle; they wait for the pairs only when memory lacks a ref (at the benchmark's tier M, 1.1-1.3 s of
		// an unchanged re-send's 3 s finish)
		Future<ReportedRefs> unwrittenRead = full ? counter.submit(() -> store.confirmedLater(id, refs.token())) : null;
		Future<Counted> counting = withdraws ? counter.submit(() -> count(env, id, result(unwrittenRead))) : null;
		Supplier<ReportedRefs> pairs = () -> full ? result(unwrittenRead) : ReportedRefs.NONE;
		steps.start("waiting edges");
		try {
			settleRefEdges(id, env, s.chunks(), pairs);
		}
		catch (RuntimeException | Error ex) {
			drop(unwrittenRead);
			drop(counting);
			throw ex;
		}
		steps.stop();
		steps.start("unwritten read");
		ReportedRefs unwritten = pairs.get();
		steps.stop();
		Map<String, Object> props = new LinkedHashMap<>();
		Withdrawals.Report report = null;
		Counted counted = null;
		if (withdraws) {
			counted = result(counting);
			report = withdraw(env, id, unwritten, counted.count(), steps);
			props.put("withdrawal", Json.write(report.toMap()));
		}
		else if (env.mode() == SnapshotModel.Mode.FULL) {
			props.put("withdrawal", Json.write(Map.of("withdrawn", 0, "refused", false, "message",
					"complete is false: nothing withdrawn")));
		}
		steps.start("unwritten confirmed");
		confirm(env, id, report, unwritten);
		steps.stop();
		props.put("status", "COMPLETED");
		props.put("finishedAt", System.currentTimeMillis());
		steps.start("status and events");
		store.update(id, props, events(id, env, report));
		refs.forget(id);
		steps.stop();
		if (log.isDebugEnabled()) {
			log.debug(line(steps) + (counted == null ? "" : " (withdrawal count " + counted.ms() + " ms, beside them)"));
		}
	}

	/** The withdrawal's count and how long it took. */
	private record Counted(Withdrawals.Counted count, long ms) {
	}

	private Counted count(SnapshotModel.Envelope env, String id, ReportedRefs unwritten) {
		long t0 = System.nanoTime();
		Withdrawals.Counted c = withdrawals.count(env.source(), env.scope(), id, env.collectedAt(), unwritten);
		return new Counted(c, (System.nanoTime() - t0) / 1_000_000);
	}

	/** A result from the other thread; its failure fails the finish as it did when read or counted in line. */
	private static <T> T result(Future<T> future) {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException r) {
				throw r;
			}
			if (ex.getCause() instanceof Error e) {
				throw e;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while finishing a snapshot", ex);
		}
	}

	/**
	 * A read no longer wanted (the finish failed): waited for, not interrupted, as a read of the embedded database's
	 * files must not be ({@link ChunkPrefetch#destroy}), so that the finish tried again does not read beside it.
	 */
	private static void drop(Future<?> future) {
		if (future == null) {
			return;
		}
		try {
			future.get();
		}
		catch (ExecutionException ignored) {
			// the finish's own failure is the one reported
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Withdrawals.Report withdraw(SnapshotModel.Envelope env, String id, ReportedRefs unwritten,
			Withdrawals.Counted counted, StopWatch steps) {
		steps.start("reported edges read");
		long[] reported = store.reportedEdges(id);
		steps.stop();
		steps.start("withdrawal");
		Withdrawals.Report report = withdrawals.completeFull(env.source(), env.scope(), id, env.collectedAt(),
				env.force(), reported, unwritten, counted);
		steps.stop();
		return report;
	}

	@Override
	public void destroy() {
		counter.shutdown();
	}

	/**
	 * The unchanged records the FULL snapshot did not write are seen at its collection time: through its scope's
	 * ScopeSeen when it is complete and its withdrawal went through (it then reported everything live there), touched
	 * one by one otherwise.
	 */
	private void confirm(SnapshotModel.Envelope env, String id, Withdrawals.Report report, ReportedRefs unwritten) {
		if (env.mode() != SnapshotModel.Mode.FULL) {
			return;
		}
		if (report != null && !report.refused()) {
			scopeSeen.confirm(env.source(), env.scope(), id, env.collectedAt());
		}
		else if (!unwritten.isEmpty()) {
			scopeSeen.touch(env.source(), id, env.collectedAt(), unwritten);
		}
	}

	/**
	 * Edges that waited for refs of later chunks: completed now, or rejected as dangling; their stored results and
	 * the snapshot's counts and edgesCreated say so. Kept with their chunks (one chunk's settled, then dropped from
	 * it, before the next is read); those of a snapshot accepted before they were, as PendingEdge nodes.
	 */
	private void settleRefEdges(String id, SnapshotModel.Envelope env, int chunks, Supplier<ReportedRefs> unwritten) {
		settlePendingNodes(id, env, chunks, unwritten);
		for (int seq : store.chunksWithWaitingRefs(id)) {
			StopWatch steps = new StopWatch("waiting edges of chunk " + seq + " of snapshot " + id);
			steps.start("read");
			List<WaitingEdge> waiting = store.waitingRefs(id, seq);
			steps.stop();
			// in rounds of fedcmdb.ingest.settle-batch, each its own transaction
			for (int i = 0; i < waiting.size(); i += settleBatch) {
				settle(id, env, chunks, unwritten, waiting.subList(i, Math.min(waiting.size(), i + settleBatch)), steps);
			}
			steps.start("dropped");
			store.waitingRefsSettled(id, seq);
			steps.stop();
			if (log.isDebugEnabled()) {
				log.debug("{} ({} edges)", line(steps), waiting.size());
			}
		}
	}

	private void settle(String id, SnapshotModel.Envelope env, int chunks, Supplier<ReportedRefs> unwritten,
			List<WaitingEdge> waiting, StopWatch steps) {
		steps.start("refs resolved");
		Map<String, String> resolved = refs.resolve(id, env.source(), env.scope(),
				waiting.stream().map(WaitingEdge::awaitRef).toList(), chunks, unwritten);
		steps.stop();
		steps.start("settled");
		settlement.settleEdges(waiting, waiting.stream().map(p -> resolved.get(p.awaitRef())).toList(),
				System.currentTimeMillis(), id, id, -1);
		steps.stop();
	}

	/** Waiting edges stored as PendingEdge nodes, a page at a time, each settled and deleted before the next is read. */
	private void settlePendingNodes(String id, SnapshotModel.Envelope env, int chunks,
			Supplier<ReportedRefs> unwritten) {
		String previousFirst = null;
		while (true) {
			StopWatch steps = new StopWatch("waiting edges of snapshot " + id);
			List<WaitingEdge> waiting = pending.refPendingEdges(id, settleBatch);
			if (waiting.isEmpty()) {
				return;
			}
			if (waiting.get(0).pkey().equals(previousFirst)) {
				throw new IllegalStateException("pending edges of snapshot " + id + " were settled but not deleted");
			}
			previousFirst = waiting.get(0).pkey();
			settle(id, env, chunks, unwritten, waiting, steps);
			pending.deletePending(waiting.stream().map(WaitingEdge::pkey).toList());
		}
	}

	/** The step log's line: the steps and their milliseconds. */
	private static String line(StopWatch steps) {
		StringBuilder b = new StringBuilder(steps.getId()).append(':');
		for (StopWatch.TaskInfo t : steps.getTaskInfo()) {
			b.append(' ').append(t.getTaskName()).append(' ').append(t.getTimeMillis()).append(" ms,");
		}
		return b.substring(0, b.length() - 1);
	}

	/** snapshot.applied with its counts and withdrawal report; snapshot.withdrawal_refused when the cap held. */
	private List<EventDraft> events(String id, SnapshotModel.Envelope env, Withdrawals.Report report) {
		StoredSnapshot s = store.get(id);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("scope", env.scope());
		data.put("mode", env.mode().name());
		data.put("complete", env.complete());
		data.put("counts", s.countsByOperation());
		data.put("edgesCreated", s.edgesCreated());
		if (report != null) {
			data.put("withdrawal", report.toMap());
		}
		List<EventDraft> events = new ArrayList<>();
		events.add(EventDraft.aboutSnapshot(EventTypes.SNAPSHOT_APPLIED,
				env.source(), id, data));
		if (report != null && report.refused()) {
			metrics.withdrawalRefused(env.source());
			events.add(EventDraft.aboutSnapshot(EventTypes.SNAPSHOT_WITHDRAWAL_REFUSED,
					env.source(), id, report.toMap()));
		}
		return events;
	}

}
