package org.fedcmdb.ingest;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker's hand-off of chunks parsed at reception: bounded, oldest kept, taken once, dropped when unclaimed. */
class ParsedChunksTests {

	private static SnapshotModel.Chunk chunk() {
		return new SnapshotModel.Chunk(List.of(), List.of(), List.of(), List.of());
	}

	@Test
	void aChunkIsTakenOnceAndFreesItsShare() {
		ParsedChunks chunks = new ParsedChunks();
		SnapshotModel.Chunk one = chunk();
		chunks.put("s", 1, one, 1_000);
		assertThat(chunks.usedBytes()).isEqualTo(1_000);
		assertThat(chunks.take("s", 2)).isNull();
		assertThat(chunks.take("s", 1)).isSameAs(one);
		assertThat(chunks.take("s", 1)).isNull();
		assertThat(chunks.usedBytes()).isZero();
	}

	@Test
	void whenTheBudgetIsFullTheNewChunkIsNotKeptAndTheOldestStay() {
		ParsedChunks chunks = new ParsedChunks();
		long half = ParsedChunks.BUDGET_BYTES / 2;
		chunks.put("s", 1, chunk(), half);
		chunks.put("s", 2, chunk(), half);
		chunks.put("s", 3, chunk(), 1);
		assertThat(chunks.take("s", 3)).as("over the budget: parsed from the store instead").isNull();
		assertThat(chunks.take("s", 1)).isNotNull();
		chunks.put("s", 4, chunk(), 1);
		assertThat(chunks.take("s", 2)).isNotNull();
		assertThat(chunks.take("s", 4)).isNotNull();
	}

	@Test
	void aChunkNoWorkerTookIsDroppedAfterTheMaximumAge() {
		AtomicLong now = new AtomicLong(1_000_000);
		ParsedChunks chunks = new ParsedChunks(now::get);
		chunks.put("s", 1, chunk(), ParsedChunks.BUDGET_BYTES);
		now.addAndGet(ParsedChunks.MAX_AGE_MS + 1);
		chunks.put("t", 1, chunk(), 10);
		assertThat(chunks.take("s", 1)).as("applied by another instance: its entry gave its share back").isNull();
		assertThat(chunks.take("t", 1)).isNotNull();
		assertThat(chunks.usedBytes()).isZero();
	}

}
