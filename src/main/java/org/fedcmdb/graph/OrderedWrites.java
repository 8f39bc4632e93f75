package org.fedcmdb.graph;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.neo4j.driver.TransactionContext;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Units of work written one after another, each in its own transaction, with each one's commit overlapping the next
 * one's writes ({@link Transactions#writeInOrder}). A batch's commit (building the record changes, applying them,
 * logging them) took about as long as its writes, all on the one worker thread, while the second core idled once the
 * JIT had compiled the ingest path: here a unit is built on the caller's thread and committed on a thread of its own
 * while the caller builds the next. The order stays: a unit is sealed (the statements that take the locks every
 * writer's commit order rests on: the writer lease's fence, the event sequence) only once the unit before it has
 * committed, and committed only then. A failure ends as it would have without the overlap: the open transaction is
 * rolled back, a commit under way is waited for, and the failure is thrown with the units from the failed one
 * unwritten; a transient one (a deadlock, a lock wait past its timeout) has those units written again one by one by
 * {@link Transactions#write}, which retries it.
 */
final class OrderedWrites {

	private static final Logger log = LoggerFactory.getLogger(OrderedWrites.class);

	private final GraphDatabaseService db;

	private final Transactions transactions;

	/**
	 * One committer, a daemon: a commit left running at shutdown is the database's to finish or recover, as any
	 * commit is.
	 */
	private final ExecutorService committer = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "fedcmdb-commit");
		t.setDaemon(true);
		return t;
	});

	OrderedWrites(GraphDatabaseService db, Transactions transactions) {
		this.db = db;
		this.transactions = transactions;
	}

	/** A unit built and sealed, its commit under way. */
	private record Committing(int index, Future<?> commit) {

		/**
		 * Null when it committed, else why not. Waits for the commit's end even when this thread is interrupted (the
		 * interrupt is kept): a commit still under way must not be taken for failed and written again.
		 */
		RuntimeException outcome() {
			boolean interrupted = false;
			try {
				while (true) {
					try {
						commit.get();
						return null;
					}
					catch (ExecutionException ex) {
						return ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
					}
					catch (InterruptedException ex) {
						interrupted = true;
					}
				}
			}
			finally {
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

	void write(List<? extends Transactions.OrderedWrite> units) {
		Committing previous = null;
		try {
			for (int i = 0; i < units.size(); i++) {
				Transactions.OrderedWrite unit = units.get(i);
				Transaction tx = db.beginTx();
				RuntimeException failed = attempt(unit::build, tx);
				if (previous != null) {
					Committing before = previous;
					previous = null;
					RuntimeException beforeFailed = before.outcome();
					if (beforeFailed != null) {
						tx.close();
						again(units, before.index(), beforeFailed);
						return;
					}
					units.get(before.index()).committed();
				}
				if (failed == null) {
					failed = attempt(unit::seal, tx);
				}
				if (failed != null) {
					tx.close();
					again(units, i, failed);
					return;
				}
				previous = new Committing(i, committer.submit(() -> commit(tx)));
			}
			if (previous != null) {
				Committing last = previous;
				previous = null;
				RuntimeException lastFailed = last.outcome();
				if (lastFailed != null) {
					again(units, last.index(), lastFailed);
					return;
				}
				units.get(last.index()).committed();
			}
		}
		finally {
			if (previous != null) {
				// left by an error (not an exception): the commit under way ends before the caller goes on
				previous.outcome();
			}
		}
	}

	/** Runs a step of a unit in {@code tx}; what it threw, or null. */
	private static RuntimeException attempt(Consumer<TransactionContext> step, Transaction tx) {
		try {
			step.accept(new EmbeddedTransactionContext(tx));
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private static void commit(Transaction tx) {
		try (tx) {
			tx.commit();
		}
	}

	/**
	 * After {@code cause} failed unit {@code from} (nothing of it or after it committed): thrown, unless it is
	 * transient, when the units from it on are written one by one by {@link Transactions#write}, which retries it.
	 */
	private void again(List<? extends Transactions.OrderedWrite> units, int from, RuntimeException cause) {
		if (!Transactions.isTransient(cause)) {
			throw cause;
		}
		log.debug("writing units {} to {} again one by one after: {}", from, units.size() - 1, cause.toString());
		for (int i = from; i < units.size(); i++) {
			Transactions.OrderedWrite unit = units.get(i);
			transactions.writeWithoutResult(tx -> {
				unit.build(tx);
				unit.seal(tx);
			});
			unit.committed();
		}
	}

	void shutdown() {
		committer.shutdown();
	}

}
