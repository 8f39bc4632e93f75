package org.fedcmdb.ingest;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.fedcmdb.longpoll.LongPolls;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Waiting for a snapshot to end (COMPLETED or FAILED) without polling the store in a loop: {@link SnapshotStore}
 * signals every end it writes on this instance, and a waiter reads the status again when signalled, and at least
 * every {@link #RECHECK} for an end another instance wrote (it signals its own waiters, not these).
 */
@Component
class SnapshotEnds {

	/** How often a waiter reads again without a signal: ends written by another instance. */
	static final Duration RECHECK = Duration.ofMillis(250);

	private final Object monitor = new Object();

	private final long recheckNanos;

	/** Ends signalled so far on this instance. */
	private long generation;

	/** Wakes the asynchronous waiters ({@code GET /api/v1/snapshots/{id}?wait=}, {@link LongPolls}). */
	private final Runnable wakeAsync;

	@Autowired
	SnapshotEnds(LongPolls polls) {
		this(RECHECK, polls::wake);
	}

	SnapshotEnds(Duration recheck) {
		this(recheck, () -> {
		});
	}

	private SnapshotEnds(Duration recheck, Runnable wakeAsync) {
		this.recheckNanos = recheck.toNanos();
		this.wakeAsync = wakeAsync;
	}

	/** Wakes every waiter: a snapshot has ended (its status is committed). */
	void signal() {
		synchronized (monitor) {
			generation++;
			monitor.notifyAll();
		}
		wakeAsync.run();
	}

	/**
	 * Returns when {@code ended} is true, or at {@code timeout}; {@code ended} is asked first, then after each signal
	 * and each {@link #RECHECK}. An interrupt ends the wait (the flag stays set).
	 */
	void await(BooleanSupplier ended, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long seen;
			synchronized (monitor) {
				seen = generation;
			}
			// read after the generation: an end signalled between the two is seen by the read or moves the generation
			if (ended.getAsBoolean()) {
				return;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0 || !pause(seen, Math.min(left, recheckNanos))) {
				return;
			}
		}
	}

	/** Waits until a signal after {@code seen} or {@code nanos}; false when interrupted. */
	private boolean pause(long seen, long nanos) {
		long until = System.nanoTime() + nanos;
		synchronized (monitor) {
			while (generation == seen) {
				long left = until - System.nanoTime();
				if (left <= 0) {
					return true;
				}
				try {
					monitor.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return true;
		}
	}

}
