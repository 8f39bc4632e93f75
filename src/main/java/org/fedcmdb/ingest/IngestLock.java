package org.fedcmdb.ingest;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Serialises everything that reads a CI's state, decides in memory and writes it back (ingestion, merges, splits,
 * withdrawals, staleness) within this instance, so that no update is lost between the read and the write.
 */
@Component
class IngestLock {

	private final ReentrantLock lock = new ReentrantLock(true);

	<T> T call(Supplier<T> work) {
		lock.lock();
		try {
			return work.get();
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

}
