package org.fedcmdb.ingest;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.Json;
import org.fedcmdb.reconciliation.RulesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Gives the worker each chunk parsed: as this instance received it ({@link ParsedChunks}: a snapshot posted in one
 * request), as parsed ahead, or parsed from its stored payload now. While the worker applies a chunk, the chunk queued
 * after it is read and parsed on a thread of its own when this instance does not hold it parsed already: a chunked
 * snapshot's chunks are only checked when received ({@link ChunkShape}), so each is parsed once, here. One chunk
 * ahead: parsing takes a fraction of applying. Parsing is pure (the payload is the truth, whichever thread reads it);
 * a chunk parsed ahead that the worker does not take next (another instance applied it) is dropped, and one whose
 * parse failed is parsed again on the worker, where a failure is handled as before.
 */
@Component
class ChunkPrefetch implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ChunkPrefetch.class);

	/** A stored chunk's identity. */
	record ChunkKey(String snapshotId, int seq) {
	}

	/** What the prefetch reads: the queued chunk after one, and a queued chunk's payload (null once it is done). */
	interface Queue {

		ChunkKey after(String snapshotId, int seq);

		byte[] payload(ChunkKey key);

	}

	/** A chunk parsed ahead; {@code chunk} null when there was nothing to parse (none queued, or held already). */
	private record Ahead(ChunkKey key, SnapshotModel.Chunk chunk) {
	}

	private final Queue queue;

	private final ParsedChunks received;

	private final Function<byte[], SnapshotModel.Chunk> parse;

	private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "fedcmdb-ingest-prefetch");
		t.setDaemon(true);
		return t;
	});

	private Future<Ahead> ahead;

	@Autowired
	ChunkPrefetch(SnapshotStore store, ParsedChunks received, ClassCatalogue catalogue, RulesConfig rules) {
		this(new Queue() {

			@Override
			public ChunkKey after(String snapshotId, int seq) {
				return store.queuedAfter(snapshotId, seq);
			}

			@Override
			public byte[] payload(ChunkKey key) {
				return store.queuedPayload(key);
			}

		}, received, parser(catalogue, rules));
	}

	ChunkPrefetch(Queue queue, ParsedChunks received, Function<byte[], SnapshotModel.Chunk> parse) {
		this.queue = queue;
		this.received = received;
		this.parse = parse;
	}

	private static Function<byte[], SnapshotModel.Chunk> parser(ClassCatalogue catalogue, RulesConfig rules) {
		SnapshotParser parser = new SnapshotParser(catalogue, rules, Integer.MAX_VALUE);
		return payload -> parser.chunk(Json.MAPPER.readTree(payload));
	}

	/** The parsed chunk, and whether it came from the request that brought it, from ahead, or was parsed now. */
	record Parsed(SnapshotModel.Chunk chunk, String how) {
	}

	/** {@code chunk} parsed; then the chunk queued after it starts being parsed ahead. */
	synchronized Parsed take(SnapshotStore.QueuedChunk chunk) {
		ChunkKey key = new ChunkKey(chunk.snapshot().id(), chunk.seq());
		Parsed parsed = held(key);
		if (parsed == null) {
			parsed = new Parsed(parse.apply(chunk.payload()), "parsed");
		}
		ahead = executor.submit(() -> parseAfter(key));
		return parsed;
	}

	/** As received or as parsed ahead; null when neither holds it. */
	private Parsed held(ChunkKey key) {
		SnapshotModel.Chunk r = received.take(key.snapshotId(), key.seq());
		if (r != null) {
			return new Parsed(r, "taken as parsed when received");
		}
		Future<Ahead> pending = ahead;
		ahead = null;
		if (pending == null) {
			return null;
		}
		try {
			Ahead a = pending.get();
			if (a.chunk() != null && a.key().equals(key)) {
				return new Parsed(a.chunk(), "parsed ahead");
			}
		}
		catch (ExecutionException ex) {
			log.debug("parsing chunk {} ahead failed; parsed again by the worker: {}", key, ex.getCause().toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// the chunk held a moment ago may have come in meanwhile (a request finished while the worker waited)
		SnapshotModel.Chunk late = received.take(key.snapshotId(), key.seq());
		return late == null ? null : new Parsed(late, "taken as parsed when received");
	}

	private Ahead parseAfter(ChunkKey current) {
		ChunkKey next = queue.after(current.snapshotId(), current.seq());
		if (next == null || received.holds(next.snapshotId(), next.seq())) {
			return new Ahead(next, null);
		}
		byte[] payload = queue.payload(next);
		return new Ahead(next, payload == null ? null : parse.apply(payload));
	}

	/**
	 * No interrupt: a parse ahead may be reading the embedded database, whose store files a thread interrupted in the
	 * middle of file I/O would close (Java's interruptible channels); it ends on its own, and its result is dropped.
	 */
	@Override
	public void destroy() {
		executor.shutdown();
	}

}
