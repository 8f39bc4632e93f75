package org.fedcmdb.cis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.events.EventOutbox;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Transactions;
import org.neo4j.driver.TransactionContext;
import org.neo4j.kernel.api.KernelTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GraphStore}'s batch of CI writes in one transaction: its statements (new CIs through the kernel API where it
 * can, {@link KernelWrites}), then the fence and its events (the locks commits are ordered by), so that on the
 * embedded database a chunk's next batch is built while this one commits ({@link Transactions#writeInOrder}).
 */
final class CiBatchWrite implements Transactions.OrderedWrite {

	private static final Logger log = LoggerFactory.getLogger(CiBatchWrite.class);

	/** What a batch writes with; {@code kernelWrites}: new CIs through the kernel API ({@link KernelWrites}). */
	record Writers(CypherCatalog cypher, WriterLease lock, EventOutbox outbox, boolean kernelWrites) {
	}

	private final Writers w;

	private final CiBatch b;

	private final Map<String, Long> ms = new LinkedHashMap<>();

	private long t0;

	/** The batch's events, written and compressed while it is built; appended when it is sealed. */
	private EventOutbox.Prepared events;

	CiBatchWrite(CiBatch b, Writers w) {
		this.b = b;
		this.w = w;
	}

	@Override
	public void build(TransactionContext tx) {
		ms.clear();
		t0 = System.nanoTime();
		timed(ms, "cis", () -> createCis(tx, b.created));
		timed(ms, "updated", () -> run(tx, w.cypher().get("ingest-update-cis"), b.updated));
		timed(ms, "newAssertions", () -> run(tx, w.cypher().get("ingest-create-assertions"), b.newAssertions));
		timed(ms, "assertions", () -> run(tx, w.cypher().get("ingest-update-assertions"), b.changedAssertions));
		timed(ms, "touched", () -> run(tx, w.cypher().get("ingest-touch-assertions"), b.touched));
		timed(ms, "removeKeys", () -> run(tx, w.cypher().get("ingest-remove-keys"), b.removeKeys));
		timed(ms, "addKeys", () -> run(tx, w.cypher().get("ingest-add-keys"), b.addKeys));
		timed(ms, "history", () -> run(tx, w.cypher().get("ingest-history"), b.history));
		timed(ms, "pendingItems", () -> run(tx, w.cypher().get("ingest-pending-items-save"), b.pendingItems));
		timed(ms, "events", () -> events = w.outbox().prepare(b.events));
	}

	@Override
	public void seal(TransactionContext tx) {
		long wait = System.nanoTime();
		ms.put("waitPrevious", (wait - t0) / 1_000_000 - ms.values().stream().mapToLong(Long::longValue).sum());
		w.lock().fence(tx);
		timed(ms, "eventsAppend", () -> w.outbox().append(tx, events));
	}

	@Override
	public void committed() {
		if (log.isDebugEnabled()) {
			// with overlapping commits this includes the next batch's build, which ran meanwhile
			long statements = ms.values().stream().mapToLong(Long::longValue).sum();
			ms.put("fence+commit", (System.nanoTime() - t0) / 1_000_000 - statements);
			log.debug("write ms {}", ms);
		}
	}

	private void createCis(TransactionContext tx, List<BatchRows.NewCi> created) {
		KernelTransaction ktx = w.kernelWrites() ? Transactions.kernel(tx) : null;
		if (ktx == null || !KernelWrites.createCis(ktx, created)) {
			run(tx, w.cypher().get("ingest-create-cis"), created);
		}
	}

	private static void timed(Map<String, Long> ms, String step, Runnable r) {
		long t0 = System.nanoTime();
		r.run();
		ms.merge(step, (System.nanoTime() - t0) / 1_000_000, Long::sum);
	}

	private static void run(TransactionContext tx, String query, List<? extends BatchRows.Row> rows) {
		for (int i = 0; i < rows.size(); i += 10_000) {
			List<Map<String, Object>> part = rows.subList(i, Math.min(rows.size(), i + 10_000)).stream()
				.map(BatchRows.Row::parameters)
				.toList();
			tx.run(query, Map.of("rows", part)).consume();
		}
	}


}
