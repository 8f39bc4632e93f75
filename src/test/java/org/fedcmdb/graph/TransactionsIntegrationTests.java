package org.fedcmdb.graph;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.fedcmdb.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.NoSuchRecordException;
import org.neo4j.graphdb.TransientTransactionFailureException;
import org.neo4j.kernel.api.exceptions.Status;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The write path's transactions in process on the embedded database against the driver's: the same values back, a
 * failed unit of work leaves nothing, a transient failure runs the work again, once committed.
 */
class TransactionsIntegrationTests extends IntegrationTestSupport {

	static final String QUERY = """
			CREATE (n:WriteTxProbe {marker: $marker, size: 3, tags: ['a', 'b']})
			RETURN n, n.size AS size, n.tags AS tags, {k: $marker, nested: [1, 2.5, true]} AS map, null AS nothing,
			       $bytes AS bytes, [x IN range(1, 3) | x * 2] AS doubled""";

	@Autowired
	ObjectProvider<DatabaseManagementService> embedded;

	@Test
	void aStatementAnswersInProcessAsOverTheDriver() {
		Transactions local = new Transactions(driver, embedded, true);
		Transactions remote = new Transactions(driver, embedded, false);
		assertThat(local.inProcess()).isTrue();
		assertThat(remote.inProcess()).isFalse();
		String u = unique();
		Record inProcess = local.write(tx -> tx.run(QUERY, params("local" + u)).single());
		Record overBolt = remote.write(tx -> tx.run(QUERY, params("remote" + u)).single());
		assertThat(inProcess.keys()).isEqualTo(overBolt.keys());
		for (String key : List.of("size", "tags", "nothing", "bytes", "doubled")) {
			assertThat(inProcess.get(key).asObject()).as(key).isEqualTo(overBolt.get(key).asObject());
		}
		assertThat(inProcess.get("map").get("nested").asList()).isEqualTo(overBolt.get("map").get("nested").asList())
			.containsExactly(1L, 2.5, true);
		// a node is the map of its properties in process, a node value over the driver: both read as maps
		assertThat(inProcess.get("n").asMap()).containsEntry("marker", "local" + u).containsEntry("size", 3L);
		assertThat(overBolt.get("n").asMap()).containsEntry("marker", "remote" + u).containsEntry("size", 3L);
		assertThat(count("local" + u)).isEqualTo(1);
		assertThat(count("remote" + u)).isEqualTo(1);
	}

	@Test
	void aResultIsReadAsTheDriverReadsOne() {
		Transactions local = new Transactions(driver, embedded, true);
		local.writeWithoutResult(tx -> {
			Result none = tx.run("UNWIND [] AS x RETURN x");
			assertThat(none.hasNext()).isFalse();
			assertThatThrownBy(none::single).isInstanceOf(NoSuchRecordException.class);
			Result three = tx.run("UNWIND [1, 2, 3] AS x RETURN x");
			assertThat(three.keys()).containsExactly("x");
			assertThat(three.peek().get("x").asInt()).isEqualTo(1);
			assertThat(three.next().get("x").asInt()).isEqualTo(1);
			assertThat(three.list(r -> r.get("x").asInt())).containsExactly(2, 3);
			assertThat(three.isOpen()).isFalse();
			assertThatThrownBy(() -> tx.run("RETURN 1 AS x").consume().counters())
				.isInstanceOf(UnsupportedOperationException.class);
		});
	}

	@Test
	void aFailedUnitOfWorkLeavesNothing() {
		Transactions local = new Transactions(driver, embedded, true);
		String marker = "failed" + unique();
		assertThatThrownBy(() -> local.writeWithoutResult(tx -> {
			tx.run("CREATE (:WriteTxProbe {marker: $marker})", Map.of("marker", marker)).consume();
			throw new IllegalStateException("the batch is refused half-way");
		})).isInstanceOf(IllegalStateException.class).hasMessageContaining("half-way");
		assertThat(count(marker)).isZero();
		// a Cypher error is not transient: raised at once, nothing written
		AtomicInteger attempts = new AtomicInteger();
		assertThatThrownBy(() -> local.writeWithoutResult(tx -> {
			attempts.incrementAndGet();
			tx.run("CREATE (:WriteTxProbe {marker: $marker})", Map.of("marker", marker)).consume();
			tx.run("RETURN 1 / 0 AS boom").consume();
		})).isNotNull();
		assertThat(attempts).hasValue(1);
		assertThat(count(marker)).isZero();
	}

	@Test
	void aTransientFailureRunsTheWorkAgainAndCommitsOnce() {
		Transactions local = new Transactions(driver, embedded, true);
		String marker = "retried" + unique();
		AtomicInteger attempts = new AtomicInteger();
		long n = local.write(tx -> {
			tx.run("CREATE (:WriteTxProbe {marker: $marker})", Map.of("marker", marker)).consume();
			if (attempts.incrementAndGet() == 1) {
				throw new TransientTransactionFailureException(Status.Transaction.DeadlockDetected, "a deadlock, for the test");
			}
			return countIn(tx, marker);
		});
		assertThat(attempts).hasValue(2);
		assertThat(n).isEqualTo(1);
		assertThat(count(marker)).isEqualTo(1);
	}

	@Test
	void aReadRunsInProcessAndIsRetriedOnATransientFailure() {
		Transactions local = new Transactions(driver, embedded, true);
		String marker = "read" + unique();
		local.writeWithoutResult(tx -> tx.run("CREATE (:WriteTxProbe {marker: $marker})", Map.of("marker", marker)).consume());
		AtomicInteger attempts = new AtomicInteger();
		long n = local.read(tx -> {
			if (attempts.incrementAndGet() == 1) {
				throw new TransientTransactionFailureException(Status.Transaction.LockClientStopped, "stopped, for the test");
			}
			return countIn(tx, marker);
		});
		assertThat(attempts).hasValue(2);
		assertThat(n).isEqualTo(1);
		// a read transaction is never committed: what it wrote is gone
		local.read(tx -> tx.run("CREATE (:WriteTxProbe {marker: $marker})", Map.of("marker", marker)).consume());
		assertThat(count(marker)).isEqualTo(1);
	}

	/** Probes with this marker, seen from inside the transaction. */
	private static long countIn(org.neo4j.driver.TransactionContext tx, String marker) {
		return tx.run("MATCH (p:WriteTxProbe {marker: $marker}) RETURN count(p) AS n", Map.of("marker", marker))
			.single()
			.get("n")
			.asLong();
	}

	private static Map<String, Object> params(String marker) {
		return Map.of("marker", marker, "bytes", new byte[] { 1, 2, 3 });
	}

	private long count(String marker) {
		try (Session s = driver.session()) {
			return s.run("MATCH (p:WriteTxProbe {marker: $marker}) RETURN count(p) AS n", Map.of("marker", marker))
				.single()
				.get("n")
				.asLong();
		}
	}

}
