package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * A waiter asks whether the snapshot has ended first, then on each signal: with a recheck of an hour, only the signal
 * can wake it before the test's own timeout.
 */
class SnapshotEndsTests {

	private final SnapshotEnds ends = new SnapshotEnds(Duration.ofHours(1));

	@Test
	void anEndedSnapshotIsAnsweredWithoutWaiting() {
		AtomicInteger asked = new AtomicInteger();
		ends.await(() -> asked.incrementAndGet() > 0, Duration.ofHours(1));
		assertThat(asked).hasValue(1);
	}

	@Test
	void aSignalWakesTheWaiterWhichAsksAgain() throws Exception {
		AtomicBoolean ended = new AtomicBoolean();
		AtomicInteger asked = new AtomicInteger();
		CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> ends.await(() -> {
			boolean answer = ended.get();
			asked.incrementAndGet(); // after the answer: the first one is "not ended"
			return answer;
		}, Duration.ofHours(1)));
		while (asked.get() == 0) {
			Thread.onSpinWait();
		}
		ended.set(true);
		ends.signal();
		waiter.get(30, TimeUnit.SECONDS);
		assertThat(asked.get()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void aWaitRunsOutWhenNothingEnds() {
		AtomicInteger asked = new AtomicInteger();
		ends.await(() -> {
			asked.incrementAndGet();
			return false;
		}, Duration.ofMillis(50));
		assertThat(asked).as("asked at the start and when the wait ran out").hasValue(2);
	}

	@Test
	void anInterruptEndsTheWaitAndStaysSet() {
		Thread.currentThread().interrupt();
		try {
			ends.await(() -> false, Duration.ofHours(1));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

}
