package org.fedcmdb.cis;

import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.exceptions.ClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Serialises everything that reads a CI's state, decides in memory and writes it back (ingestion, merges, splits,
 * withdrawals, staleness), so that no update is lost between the read and the write — within this instance by a
 * fair lock, and across the stateless instances that share one Neo4j (or cluster) by a writer lease stored in the
 * database itself: a {@code WriterLease} node with a holder and a server-time expiry, renewed while held and queued
 * for fairly. The lease is checked again inside the transaction that writes CI state ({@link #fence}), so an
 * instance that stalled past its lease (a long GC pause, a network partition) cannot commit over another's work.
 *
 * <p>
 * Written by hand rather than with a distributed-lock library because the only shared resource fedcmdb has is the
 * database, and the database's own locks and clock make the lease exact without another moving part.
 */
@Component
public class WriterLease implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(WriterLease.class);

	static final String NAME = "ingest";

	/** How long a queued waiter keeps its turn without polling again (it polls at least every 250 ms). */
	private static final long PATIENCE_MS = 2_000;

	private final ReentrantLock lock = new ReentrantLock(true);

	private final Driver driver;

	private final CypherCatalog cypher;

	private final long ttlMs;

	private final long waitMs;

	private final String me;

	private final ScheduledExecutorService heartbeat;

	private volatile boolean held;

	WriterLease(Driver driver, CypherCatalog cypher, WriterLeaseProperties properties,
			ObjectProvider<DatabaseManagementService> embedded) {
		this.driver = driver;
		this.cypher = cypher;
		this.ttlMs = properties.writerLeaseTtl().toMillis();
		this.waitMs = properties.writerLeaseWait().toMillis();
		this.me = hostName() + "/" + UUID.randomUUID();
		this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "fedcmdb-writer-lease");
			t.setDaemon(true);
			return t;
		});
		long period = Math.max(50, ttlMs / 3);
		this.heartbeat.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
		if (embedded.getIfAvailable() != null) {
			freeLeftOverLease();
		}
	}

	/**
	 * On the embedded database this process is the only possible writer (the store is locked to it), so a lease still
	 * held is a crashed predecessor's; freeing it spares a restart the wait for its expiry.
	 */
	private void freeLeftOverLease() {
		try (Session s = driver.session()) {
			s.executeWriteWithoutResult(tx -> tx.run(cypher.get("lease-free-left-over")).consume());
		}
	}

	/** This instance's name in the lease (host name plus a random id, new on every start). */
	String instance() {
		return me;
	}

	public <T> T call(Supplier<T> work) {
		lock.lock();
		try {
			boolean outermost = lock.getHoldCount() == 1;
			if (outermost) {
				acquire();
			}
			try {
				return work.get();
			}
			finally {
				if (outermost) {
					release();
				}
			}
		}
		finally {
			lock.unlock();
		}
	}

	void run(Runnable work) {
		call(() -> {
			work.run();
			return null;
		});
	}

	/**
	 * Fails the surrounding write transaction unless this instance still holds the lease; also write-locks the lease
	 * node until that transaction ends.
	 */
	void fence(TransactionContext tx) {
		long n = tx.run(cypher.get("lease-fence"), Map.of("name", NAME, "me", me)).single().get("held").asLong();
		if (n == 0) {
			throw new WriterBusyException("This instance no longer holds the writer lease; the batch is retried");
		}
	}

	private void acquire() {
		long deadline = System.currentTimeMillis() + waitMs;
		long pause = 10;
		String holder = null;
		while (true) {
			try (Session s = driver.session()) {
				var r = s.executeWrite(tx -> tx.run(cypher.get("lease-acquire"),
						Map.of("name", NAME, "me", me, "ttl", ttlMs, "patience", PATIENCE_MS)).single());
				if (r.get("granted").asBoolean()) {
					held = true;
					return;
				}
				holder = r.get("holder").asString(null);
			}
			catch (ClientException ex) {
				// two instances creating the lease node at once: one loses on the constraint and simply tries again
				if (!String.valueOf(ex.code()).contains("ConstraintValidationFailed")) {
					throw ex;
				}
			}
			if (System.currentTimeMillis() > deadline) {
				throw new WriterBusyException("The writer lease is held by " + holder + " for longer than " + waitMs
						+ " ms; try again later");
			}
			sleep(pause);
			pause = Math.min(250, pause * 2);
		}
	}

	private void release() {
		held = false;
		try (Session s = driver.session()) {
			s.executeWriteWithoutResult(
					tx -> tx.run(cypher.get("lease-release"), Map.of("name", NAME, "me", me)).consume());
		}
		catch (RuntimeException ex) {
			// it expires on its own after the TTL
			log.warn("Could not release the writer lease: {}", ex.toString());
		}
	}

	private void renew() {
		if (!held) {
			return;
		}
		try (Session s = driver.session()) {
			long n = s.executeWrite(tx -> tx.run(cypher.get("lease-renew"), Map.of("name", NAME, "me", me, "ttl", ttlMs))
				.single()
				.get("held")
				.asLong());
			if (n == 0 && held) {
				log.warn("The writer lease was lost (expired and taken over); the current batch will not commit");
			}
		}
		catch (RuntimeException ex) {
			log.debug("Writer lease renewal failed: {}", ex.toString());
		}
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WriterBusyException("Interrupted while waiting for the writer lease");
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			return "unknown-host";
		}
	}

	@Override
	public void destroy() {
		heartbeat.shutdownNow();
	}

}
