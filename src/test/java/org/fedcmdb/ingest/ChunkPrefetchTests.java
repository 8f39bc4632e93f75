package org.fedcmdb.ingest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The worker's chunks parsed: as received, as parsed ahead on the prefetch thread while the previous chunk is applied,
 * or parsed by the worker; a chunk parsed ahead is never taken for another, and a failed parse ahead is repeated where
 * its error is handled.
 */
class ChunkPrefetchTests {

	/** Queued chunks in the worker's order; a payload is the chunk's key as text (read by the prefetch's thread). */
	private final Map<String, byte[]> queued = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

	private final List<String> payloadReads = new CopyOnWriteArrayList<>();

	/** Who parsed which payload: "key@thread". */
	private final List<String> parses = new CopyOnWriteArrayList<>();

	private final Map<String, SnapshotModel.Chunk> chunks = new java.util.concurrent.ConcurrentHashMap<>();

	private final ParsedChunks received = new ParsedChunks();

	private final ChunkPrefetch prefetch = new ChunkPrefetch(new ChunkPrefetch.Queue() {

		@Override
		public ChunkPrefetch.ChunkKey after(String snapshotId, int seq) {
			// as the query: the oldest queued chunk other than the current one, queued still or not
			String current = snapshotId + "|" + seq;
			synchronized (queued) {
				return queued.keySet().stream().filter(k -> !k.equals(current)).findFirst().map(k -> {
					String[] next = k.split("\\|");
					return new ChunkPrefetch.ChunkKey(next[0], Integer.parseInt(next[1]));
				}).orElse(null);
			}
		}

		@Override
		public byte[] payload(ChunkPrefetch.ChunkKey key) {
			payloadReads.add(key.snapshotId() + "|" + key.seq());
			return queued.get(key.snapshotId() + "|" + key.seq());
		}

	}, received, this::parse);

	private SnapshotModel.Chunk parse(byte[] payload) {
		String key = new String(payload, StandardCharsets.UTF_8);
		parses.add(key + "@" + Thread.currentThread().getName());
		if (key.startsWith("bad")) {
			throw new IllegalArgumentException("malformed chunk " + key);
		}
		return chunks.computeIfAbsent(key, k -> new SnapshotModel.Chunk(List.of(), List.of(), List.of(), List.of()));
	}

	private SnapshotStore.QueuedChunk queue(String snapshotId, int seq) {
		String key = snapshotId + "|" + seq;
		queued.put(key, (snapshotId.startsWith("bad") ? "bad" + key : key).getBytes(StandardCharsets.UTF_8));
		StoredSnapshot s = StoredSnapshot.of(Map.of("id", snapshotId, "source", "src", "scope", "", "mode", "FULL"));
		return new SnapshotStore.QueuedChunk(s, seq, SnapshotStore.compress(queued.get(key)));
	}

	/** The worker applied the chunk: it leaves the queue. */
	private void done(SnapshotStore.QueuedChunk chunk) {
		queued.remove(chunk.snapshot().id() + "|" + chunk.seq());
	}

	@AfterEach
	void stop() {
		prefetch.destroy();
	}

	@Test
	void theChunkAfterTheOneTakenIsParsedAheadOnItsOwnThread() {
		SnapshotStore.QueuedChunk one = queue("s", 1);
		SnapshotStore.QueuedChunk two = queue("s", 2);
		ChunkPrefetch.Parsed first = prefetch.take(one);
		assertThat(first.how()).isEqualTo("parsed");
		assertThat(parses).first().asString().endsWith("@" + Thread.currentThread().getName());
		done(one);
		ChunkPrefetch.Parsed second = prefetch.take(two);
		assertThat(second.how()).isEqualTo("parsed ahead");
		assertThat(second.chunk()).isSameAs(chunks.get("s|2"));
		assertThat(parses).containsExactly("s|1@" + Thread.currentThread().getName(), "s|2@fedcmdb-ingest-prefetch");
	}

	@Test
	void aChunkHeldAsReceivedIsNeitherReadNorParsedAgain() {
		SnapshotStore.QueuedChunk one = queue("s", 1);
		SnapshotStore.QueuedChunk two = queue("s", 2);
		SnapshotModel.Chunk asReceived = new SnapshotModel.Chunk(List.of(), List.of(), List.of(), List.of());
		received.put("s", 2, asReceived, 100);
		prefetch.take(one);
		done(one);
		ChunkPrefetch.Parsed second = prefetch.take(two);
		assertThat(second.how()).isEqualTo("taken as parsed when received");
		assertThat(second.chunk()).isSameAs(asReceived);
		assertThat(payloadReads).isEmpty();
		assertThat(parses).containsExactly("s|1@" + Thread.currentThread().getName());
	}

	@Test
	void aParseAheadStartingOnlyAfterTheWorkerTookTheChunkAsReceivedDoesNotReadIt() {
		java.util.concurrent.CountDownLatch workerTook = new java.util.concurrent.CountDownLatch(1);
		List<String> reads = new CopyOnWriteArrayList<>();
		ParsedChunks held = new ParsedChunks();
		SnapshotModel.Chunk asReceived = new SnapshotModel.Chunk(List.of(), List.of(), List.of(), List.of());
		ChunkPrefetch slow = new ChunkPrefetch(new ChunkPrefetch.Queue() {

			@Override
			public ChunkPrefetch.ChunkKey after(String snapshotId, int seq) {
				// the prefetch thread starts late: the worker has taken s|2 by then, s|2 still queued
				try {
					assertThat(workerTook.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return new ChunkPrefetch.ChunkKey("s", 2);
			}

			@Override
			public byte[] payload(ChunkPrefetch.ChunkKey key) {
				reads.add(key.snapshotId() + "|" + key.seq());
				return (key.snapshotId() + "|" + key.seq()).getBytes(StandardCharsets.UTF_8);
			}

		}, held, this::parse);
		try {
			held.put("s", 2, asReceived, 100);
			slow.take(queue("s", 1));
			assertThat(slow.take(queue("s", 2)).chunk()).isSameAs(asReceived);
			workerTook.countDown();
			slow.take(queue("t", 1)); // waits for the parses ahead queued before it
			assertThat(reads).isEmpty();
			assertThat(parses).noneMatch(p -> p.startsWith("s|2"));
		}
		finally {
			slow.destroy();
		}
	}

	@Test
	void aChunkParsedAheadIsNotTakenForAnother() {
		SnapshotStore.QueuedChunk one = queue("s", 1);
		queue("s", 2);
		SnapshotStore.QueuedChunk other = queue("t", 1);
		prefetch.take(one);
		done(one);
		ChunkPrefetch.Parsed taken = prefetch.take(other); // s|2 applied by another instance meanwhile
		assertThat(taken.how()).isEqualTo("parsed");
		assertThat(taken.chunk()).isSameAs(chunks.get("t|1")).isNotSameAs(chunks.get("s|2"));
	}

	@Test
	void aChunkThatFailedToParseAheadFailsOnTheWorkerAsBefore() {
		SnapshotStore.QueuedChunk one = queue("s", 1);
		SnapshotStore.QueuedChunk bad = queue("bad", 1);
		prefetch.take(one);
		done(one);
		assertThatThrownBy(() -> prefetch.take(bad)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("malformed chunk badbad|1");
		assertThat(parses).containsExactly("s|1@" + Thread.currentThread().getName(), "badbad|1@fedcmdb-ingest-prefetch",
				"badbad|1@" + Thread.currentThread().getName());
	}

	@Test
	void nothingIsReadAheadWhenNoChunkIsQueuedAfter() {
		SnapshotStore.QueuedChunk one = queue("s", 1);
		prefetch.take(one);
		done(one);
		SnapshotStore.QueuedChunk two = queue("s", 2); // arrived after the worker took the first
		ChunkPrefetch.Parsed second = prefetch.take(two);
		assertThat(second.how()).isIn("parsed", "parsed ahead"); // depending on whether the prefetch ran before it came
		assertThat(second.chunk()).isSameAs(chunks.get("s|2"));
		assertThat(parses.stream().filter(p -> p.startsWith("s|2"))).hasSize(1);
	}

	@Test
	void aChunkReceivedWhileTheWorkerWaitedForAParseAheadOfAnotherIsTakenAsReceived() throws Exception {
		java.util.concurrent.CountDownLatch missed = new java.util.concurrent.CountDownLatch(1);
		SnapshotModel.Chunk asReceived = new SnapshotModel.Chunk(List.of(), List.of(), List.of(), List.of());
		// t|1's request is still being parsed when the worker first asks for it: the first look finds nothing
		ParsedChunks late = new ParsedChunks() {
			@Override
			synchronized SnapshotModel.Chunk take(String snapshotId, int seq) {
				SnapshotModel.Chunk c = super.take(snapshotId, seq);
				if (snapshotId.equals("t")) {
					missed.countDown();
				}
				return c;
			}
		};
		ChunkPrefetch waiting = new ChunkPrefetch(new ChunkPrefetch.Queue() {

			@Override
			public ChunkPrefetch.ChunkKey after(String snapshotId, int seq) {
				return new ChunkPrefetch.ChunkKey("s", 2);
			}

			@Override
			public byte[] payload(ChunkPrefetch.ChunkKey key) {
				return "s|2".getBytes(StandardCharsets.UTF_8);
			}

		}, late, payload -> {
			String key = new String(payload, StandardCharsets.UTF_8);
			parses.add(key + "@" + Thread.currentThread().getName());
			if (key.equals("s|2")) {
				// the parse ahead of s|2 outlasts the worker's first look for t|1, and t|1's request ends meanwhile
				try {
					assertThat(missed.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				late.put("t", 1, asReceived, 100);
			}
			return new SnapshotModel.Chunk(List.of(), List.of(), List.of(), List.of());
		});
		try {
			waiting.take(queue("s", 1));
			ChunkPrefetch.Parsed taken = waiting.take(queue("t", 1)); // s|2 went to another instance
			assertThat(taken.how()).isEqualTo("taken as parsed when received");
			assertThat(taken.chunk()).isSameAs(asReceived);
			assertThat(parses).noneMatch(p -> p.startsWith("t|1"));
		}
		finally {
			waiting.destroy();
		}
	}

}
