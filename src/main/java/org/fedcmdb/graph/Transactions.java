package org.fedcmdb.graph;

import java.util.function.Consumer;
import java.util.function.Function;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.TransientFailureException;
import org.neo4j.kernel.api.exceptions.Status;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Transactions for the ingestion path (a chunk stored and read back, its CIs, its edges, what waited, its results). On
 * the embedded database they run in process: the same Cypher, given to the database's own transaction
 * ({@link EmbeddedTransactionContext}), so that a 10k-row batch or a chunk's payload is neither encoded into PackStream
 * by the driver nor decoded again by the Bolt server in the same JVM. Against an external server (or with
 * {@code fedcmdb.ingest.in-process-writes=false}) they are the driver's managed transactions, as before. Either way a
 * transient failure (a deadlock, a lock wait past its timeout) retries the whole unit of work, as the driver's
 * {@code executeWrite} does, for at most {@link #RETRY_MS}.
 */
@Component
public class Transactions implements org.springframework.beans.factory.DisposableBean {

	/** As the driver's default for managed transactions. */
	static final long RETRY_MS = 30_000;

	private final Driver driver;

	/** The embedded database; null against an external server. */
	private final GraphDatabaseService local;

	@Autowired
	Transactions(Driver driver, ObjectProvider<DatabaseManagementService> embedded,
			@Value("${fedcmdb.ingest.in-process-writes:true}") boolean inProcess) {
		this(driver, inProcess ? embedded.getIfAvailable() : null);
	}

	private Transactions(Driver driver, DatabaseManagementService dbms) {
		this.driver = driver;
		this.local = dbms == null ? null : dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
		this.ordered = local == null ? null : new OrderedWrites(local, this);
	}

	/** The embedded database's writes in order with overlapping commits; null against an external server. */
	private final OrderedWrites ordered;

	/** A unit of work of {@link #writeInOrder}. */
	public interface OrderedWrite {

		/** The unit's writes. */
		void build(TransactionContext tx);

		/**
		 * The statements that take the locks writers' commits are ordered by (the writer lease's fence, the event
		 * sequence), run after {@link #build} once the unit before has committed.
		 */
		void seal(TransactionContext tx);

		/** After the unit committed, on the caller's thread, before the caller goes on. */
		default void committed() {
		}

	}

	/**
	 * Writes {@code units} in order, each in a transaction of its own, as {@link #write} would one after the other;
	 * on the embedded database each unit's commit runs while the next unit is built ({@link OrderedWrites}). Returns
	 * once every unit committed; a failure is thrown with the units from the failed one unwritten, once nothing is
	 * under way (a transient one is retried, as {@link #write} retries it).
	 */
	public void writeInOrder(java.util.List<? extends OrderedWrite> units) {
		if (ordered != null && units.size() > 1) {
			ordered.write(units);
			return;
		}
		for (OrderedWrite unit : units) {
			writeWithoutResult(tx -> {
				unit.build(tx);
				unit.seal(tx);
			});
			unit.committed();
		}
	}

	/** In-process transactions on {@code dbms}'s default database, without a driver (tests of the write units). */
	static Transactions inProcess(DatabaseManagementService dbms) {
		return new Transactions(null, dbms);
	}

	/** Transactions through the driver alone, as against an external server. */
	public static Transactions overDriver(Driver driver) {
		return new Transactions(driver, (DatabaseManagementService) null);
	}

	/**
	 * The embedded database's kernel transaction a unit of work of {@link #write} runs in, for the few writes done
	 * through the kernel's API in the same transaction as its Cypher; null when it runs over the driver.
	 */
	public static org.neo4j.kernel.api.KernelTransaction kernel(TransactionContext tx) {
		return tx instanceof EmbeddedTransactionContext e ? e.kernelTransaction() : null;
	}

	@Override
	public void destroy() {
		if (ordered != null) {
			ordered.shutdown();
		}
	}

	/** Whether writes run in process (the embedded database). */
	public boolean inProcess() {
		return local != null;
	}

	/** Runs {@code work} in one write transaction and commits it; a transient failure runs it again. */
	public <T> T write(Function<TransactionContext, T> work) {
		if (local == null) {
			try (Session s = driver.session()) {
				return s.executeWrite(work::apply);
			}
		}
		return inProcess(work, true);
	}

	/**
	 * Runs {@code work} in a read transaction (in process: one that is closed, never committed); a transient failure
	 * runs it again.
	 */
	public <T> T read(Function<TransactionContext, T> work) {
		if (local == null) {
			try (Session s = driver.session()) {
				return s.executeRead(work::apply);
			}
		}
		return inProcess(work, false);
	}

	private <T> T inProcess(Function<TransactionContext, T> work, boolean commit) {
		long deadline = System.currentTimeMillis() + RETRY_MS;
		long pause = 10;
		while (true) {
			try (Transaction tx = local.beginTx()) {
				T out = work.apply(new EmbeddedTransactionContext(tx));
				if (commit) {
					tx.commit();
				}
				return out;
			}
			catch (RuntimeException ex) {
				if (!isTransient(ex) || System.currentTimeMillis() + pause > deadline) {
					throw ex;
				}
				sleep(pause);
				pause = Math.min(pause * 2, 1_000);
			}
		}
	}

	/** As {@link #write}, without a result. */
	public void writeWithoutResult(Consumer<TransactionContext> work) {
		write(tx -> {
			work.accept(tx);
			return null;
		});
	}

	/**
	 * Whether a failure is one the database calls transient (a deadlock, a lock wait past its timeout), raised as it
	 * is or wrapped by Cypher or the commit.
	 */
	static boolean isTransient(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof TransientFailureException) {
				return true;
			}
			if (t instanceof Status.HasStatus s && s.status().code().classification() == Status.Classification.TransientError) {
				return true;
			}
			if (t instanceof QueryExecutionException q && q.getStatusCode() != null
					&& q.getStatusCode().startsWith("Neo.TransientError.")) {
				return true;
			}
		}
		return false;
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while retrying a write transaction", ex);
		}
	}

}
