package org.fedcmdb.graph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.TransactionContext;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.TransientTransactionFailureException;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListenerAdapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Transactions#writeInOrder} on an embedded database: each unit committed on the committer thread while the
 * next is built, in order (the seals see the units before them committed), each unit's {@code committed} called once
 * it is visible; a transient failure of a build or a commit has the units from it written again one by one, any
 * other failure is thrown with the units from it unwritten.
 */
class OrderedWritesIntegrationTests {

	@TempDir
	Path tmp;

	DatabaseManagementService dbms;

	GraphDatabaseService db;

	Transactions transactions;

	/** "unit@thread" for each commit of a transaction that created a probe. */
	final List<String> commits = new CopyOnWriteArrayList<>();

	/** Before the commit of the unit it names: a test's hook (may wait, may throw). */
	volatile IntPredicate beforeCommit = unit -> true;

	/** The units' committed() calls, each with whether its probe was visible then. */
	final List<String> committed = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() {
		dbms = new DatabaseManagementServiceBuilder(tmp).setConfig(BoltConnector.enabled, false).build();
		db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
		dbms.registerTransactionEventListener(GraphDatabaseSettings.DEFAULT_DATABASE_NAME,
				new TransactionEventListenerAdapter<List<Integer>>() {
					@Override
					public List<Integer> beforeCommit(TransactionData data, org.neo4j.graphdb.Transaction tx,
							GraphDatabaseService database) {
						List<Integer> units = new ArrayList<>();
						for (Node n : data.createdNodes()) {
							if (n.hasProperty("unit")) {
								units.add(((Number) n.getProperty("unit")).intValue());
							}
						}
						for (int unit : units) {
							if (!beforeCommit.test(unit)) {
								throw new IllegalStateException("refused at commit");
							}
						}
						return units;
					}

					@Override
					public void afterCommit(TransactionData data, List<Integer> units, GraphDatabaseService database) {
						units.forEach(unit -> commits.add(unit + "@" + Thread.currentThread().getName()));
					}
				});
		transactions = Transactions.inProcess(dbms);
	}

	@AfterEach
	void stop() {
		transactions.destroy();
		dbms.shutdown();
	}

	/** A unit creating its probe; its seal takes the shared sequence (as the fence and the event sequence do). */
	class Probe implements Transactions.OrderedWrite {

		final int unit;

		final java.util.concurrent.atomic.AtomicInteger builds = new java.util.concurrent.atomic.AtomicInteger();

		volatile Runnable duringBuild = () -> {
		};

		volatile Runnable duringSeal = () -> {
		};

		Probe(int unit) {
			this.unit = unit;
		}

		@Override
		public void build(TransactionContext tx) {
			builds.incrementAndGet();
			tx.run("CREATE (:OrderedProbe {unit: $unit})", Map.of("unit", unit)).consume();
			duringBuild.run();
		}

		@Override
		public void seal(TransactionContext tx) {
			duringSeal.run();
			tx.run("""
					MERGE (s:OrderedSequence {name: 'probes'}) SET s.value = coalesce(s.value, 0) + 1
					WITH s MATCH (p:OrderedProbe {unit: $unit}) SET p.order = s.value""", Map.of("unit", unit)).consume();
		}

		@Override
		public void committed() {
			long seen = db.executeTransactionally("MATCH (p:OrderedProbe {unit: $unit}) RETURN count(p) AS n",
					Map.of("unit", unit), r -> (Long) r.next().get("n"));
			committed.add(unit + (seen == 1 ? " visible" : " not visible"));
		}

	}

	List<Probe> probes(int n) {
		List<Probe> out = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			out.add(new Probe(i));
		}
		return out;
	}

	/** unit → its order in the sequence; each unit's probe once. */
	Map<Long, Long> orders() {
		return db.executeTransactionally("MATCH (p:OrderedProbe) RETURN p.unit AS unit, p.order AS order", Map.of(),
				r -> {
					Map<Long, Long> out = new java.util.TreeMap<>();
					r.forEachRemaining(row -> assertThat(out.put(((Number) row.get("unit")).longValue(), ((Number) row.get("order")).longValue()))
						.as("one probe per unit")
						.isNull());
					return out;
				});
	}

	@Test
	void eachUnitCommitsOnTheCommitterWhileTheNextIsBuiltAndInOrder() throws Exception {
		List<Probe> units = probes(4);
		CountDownLatch nextBuilt = new CountDownLatch(1);
		AtomicBoolean overlapped = new AtomicBoolean();
		// unit 0's commit waits until unit 1 has been built: only an overlapping commit gets past it
		beforeCommit = unit -> {
			if (unit == 0) {
				try {
					overlapped.set(nextBuilt.await(30, TimeUnit.SECONDS));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return true;
		};
		units.get(1).duringBuild = nextBuilt::countDown;
		transactions.writeInOrder(units);
		assertThat(overlapped).isTrue();
		assertThat(orders()).isEqualTo(Map.of(0L, 1L, 1L, 2L, 2L, 3L, 3L, 4L));
		assertThat(commits).containsExactly("0@fedcmdb-commit", "1@fedcmdb-commit", "2@fedcmdb-commit",
				"3@fedcmdb-commit");
		assertThat(committed).containsExactly("0 visible", "1 visible", "2 visible", "3 visible");
	}

	@Test
	void aTransientFailureInABuildWritesTheRestAgainOneByOne() {
		List<Probe> units = probes(4);
		AtomicBoolean failed = new AtomicBoolean();
		units.get(2).duringBuild = () -> {
			if (failed.compareAndSet(false, true)) {
				throw new TransientTransactionFailureException(
						org.neo4j.kernel.api.exceptions.Status.Transaction.DeadlockDetected, "a deadlock, once");
			}
		};
		transactions.writeInOrder(units);
		assertThat(failed).isTrue();
		assertThat(units.get(2).builds).as("written again after the transient failure").hasValue(2);
		assertThat(orders()).isEqualTo(Map.of(0L, 1L, 1L, 2L, 2L, 3L, 3L, 4L));
		assertThat(committed).containsExactly("0 visible", "1 visible", "2 visible", "3 visible");
	}

	@Test
	void aCommitThatFailsTransientlyOnceIsWrittenAgainAndTheUnitsAfterItToo() {
		List<Probe> units = probes(4);
		AtomicBoolean refused = new AtomicBoolean();
		beforeCommit = unit -> {
			if (unit == 1 && refused.compareAndSet(false, true)) {
				throw new TransientTransactionFailureException(
						org.neo4j.kernel.api.exceptions.Status.Transaction.LockAcquisitionTimeout, "a lock wait, once");
			}
			return true;
		};
		transactions.writeInOrder(units);
		assertThat(refused).isTrue();
		assertThat(orders()).isEqualTo(Map.of(0L, 1L, 1L, 2L, 2L, 3L, 3L, 4L));
		assertThat(committed).containsExactly("0 visible", "1 visible", "2 visible", "3 visible");
	}

	@Test
	void aFailureThatIsNotTransientIsThrownWithTheUnitsFromItUnwritten() {
		List<Probe> units = probes(4);
		units.get(1).duringSeal = () -> {
			throw new IllegalStateException("no longer the writer");
		};
		assertThatThrownBy(() -> transactions.writeInOrder(units)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("no longer the writer");
		assertThat(units.get(1).builds).as("thrown as it came, not written again").hasValue(1);
		assertThat(units.get(2).builds).hasValue(0);
		assertThat(orders()).isEqualTo(Map.of(0L, 1L));
		assertThat(committed).containsExactly("0 visible");
	}

	@Test
	void aCommitThatFailsIsThrownWithTheUnitsAfterItUnwritten() {
		List<Probe> units = probes(3);
		beforeCommit = unit -> unit != 1;
		assertThatThrownBy(() -> transactions.writeInOrder(units)).hasStackTraceContaining("refused at commit");
		assertThat(units.get(1).builds).as("thrown as it came, not written again").hasValue(1);
		assertThat(orders()).isEqualTo(Map.of(0L, 1L));
		assertThat(committed).containsExactly("0 visible");
	}

}
