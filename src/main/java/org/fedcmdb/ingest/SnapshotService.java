package org.fedcmdb.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.Json;
import org.fedcmdb.reconciliation.RulesConfig;
import org.fedcmdb.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The snapshot API's logic: validate, store durably, acknowledge; the {@link IngestWorker} applies stored chunks in
 * order. Discovery agents running in-process post through here exactly like remote agents post over HTTP.
 */
@Service
public class SnapshotService {

	private static final Logger log = LoggerFactory.getLogger(SnapshotService.class);

	private final SnapshotStore store;

	private final SnapshotParser parser;

	private final IngestWorker worker;

	private final ParsedChunks parsed;

	private final SnapshotEnds ends;

	SnapshotService(SnapshotStore store, ClassCatalogue catalogue, RulesConfig rules, IngestProperties properties,
			IngestWorker worker, ParsedChunks parsed, SnapshotEnds ends) {
		this.ends = ends;
		this.store = store;
		this.parsed = parsed;
		this.parser = new SnapshotParser(catalogue, rules, properties.maxItemsPerChunk());
		this.worker = worker;
	}

	/**
	 * A received body: its JSON, and the gzip or zstd bytes it came as ({@code null} when it came plain), stored as
	 * they came instead of compressed again (every agent compresses: at the benchmark's tier M, 300 MB compressed a
	 * second time on the request threads while the upload is what an unchanged re-send waits on).
	 */
	public record Body(byte[] json, byte[] encoded) {
	}

	/** What the server answered when it accepted a snapshot or chunk. */
	public record Accepted(String snapshotId, String status, int chunk) {
	}

	/** Accepts a whole snapshot in one request, from inside the server (in-process agents). */
	public Accepted submit(byte[] body) {
		return submit(body, Principal.UNRESTRICTED);
	}

	/** Accepts a whole snapshot in one request from {@code caller}, who must be allowed to write its source. */
	public Accepted submit(byte[] body, Principal caller) {
		return submit(new Body(body, null), caller);
	}

	Accepted submit(Body received, Principal caller) {
		byte[] body = received.json();
		long now = System.currentTimeMillis();
		JsonNode root = parse(body);
		SnapshotModel.Envelope env = parser.envelope(root, now);
		authorise(caller, env.source());
		SnapshotModel.Chunk chunk = parser.chunk(root);
		if (root.has("chunked") && root.get("chunked").asBoolean(false)) {
			if (!chunk.items().isEmpty() || !chunk.rejected().isEmpty()) {
				throw new SnapshotException(400, "INVALID_ENVELOPE",
						"a chunked snapshot is opened without items; post them to /api/v1/snapshots/{id}/chunks");
			}
			String id = UUID.randomUUID().toString();
			store.create(id, env, false, now);
			return new Accepted(id, "RECEIVING", 0);
		}
		String id = UUID.randomUUID().toString();
		store.createWithChunk(id, env, received, count(chunk), now);
		parsed.put(id, 1, chunk, body.length);
		worker.wake();
		return new Accepted(id, "QUEUED", 1);
	}

	/** Adds one chunk to an open chunked snapshot. */
	public Accepted addChunk(String snapshotId, byte[] body) {
		return addChunk(snapshotId, body, Principal.UNRESTRICTED);
	}

	public Accepted addChunk(String snapshotId, byte[] body, Principal caller) {
		return addChunk(snapshotId, new Body(body, null), caller);
	}

	Accepted addChunk(String snapshotId, Body received, Principal caller) {
		byte[] body = received.json();
		StoredSnapshot snapshot = open(snapshotId);
		authorise(caller, snapshot.source());
		long t0 = System.nanoTime();
		// checked, not parsed: the worker parses its entries once, from the store, ahead of the chunk before it
		ChunkShape.Counts counts = parser.shape(body);
		long t1 = System.nanoTime();
		int seq = store.addChunk(snapshotId, received, counts.items(), System.currentTimeMillis());
		worker.wake();
		if (log.isDebugEnabled()) {
			log.debug("chunk {} of {} received: {} bytes checked in {} ms, stored in {} ms", seq, snapshotId,
					body.length, (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
		}
		return new Accepted(snapshotId, snapshot.status(), seq);
	}

	/** Seals a chunked snapshot: no more chunks; withdrawal (for a complete FULL one) runs after the last. */
	public Accepted complete(String snapshotId, byte[] body) {
		return complete(snapshotId, body, Principal.UNRESTRICTED);
	}

	public Accepted complete(String snapshotId, byte[] body, Principal caller) {
		authorise(caller, open(snapshotId).source());
		Map<String, Object> props = new LinkedHashMap<>();
		props.put("sealed", true);
		props.put("status", "QUEUED");
		if (body != null && body.length > 0) {
			JsonNode root = parse(body);
			if (root.has("complete")) {
				props.put("complete", root.get("complete").asBoolean(false));
			}
			if (root.has("force")) {
				props.put("force", root.get("force").asBoolean(false));
			}
		}
		store.update(snapshotId, props);
		worker.wake();
		return new Accepted(snapshotId, "QUEUED", 0);
	}

	private static void authorise(Principal caller, String source) {
		if (!caller.mayIngest(source)) {
			throw new SnapshotException(403, "FORBIDDEN_SOURCE",
					"Token '" + caller.name() + "' may not write snapshots of source '" + source + "'");
		}
	}

	private StoredSnapshot open(String snapshotId) {
		StoredSnapshot snapshot = store.get(snapshotId);
		if (snapshot == null) {
			throw new SnapshotException(404, "SNAPSHOT_NOT_FOUND", "No snapshot " + snapshotId);
		}
		if (snapshot.sealed()) {
			throw new SnapshotException(409, "SNAPSHOT_SEALED",
					"Snapshot " + snapshotId + " is " + snapshot.status() + " and takes no more chunks");
		}
		return snapshot;
	}

	private static int count(SnapshotModel.Chunk chunk) {
		return chunk.items().size() + chunk.rejected().stream().filter(r -> r.kind().equals("item")).mapToInt(r -> 1).sum();
	}

	static JsonNode parse(byte[] body) {
		if (body == null || body.length == 0) {
			throw SnapshotException.emptyBody();
		}
		try {
			return Json.MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw SnapshotException.malformed(ex);
		}
	}

	/**
	 * A snapshot's status, progress, counts and one page of per-entry results.
	 * @return null when there is no such snapshot
	 */
	public SnapshotStatus status(String id, int offset, int limit) {
		StoredSnapshot s = store.get(id);
		if (s == null) {
			return null;
		}
		SnapshotModel.Envelope env = s.envelope();
		List<Map<String, Object>> finals = new ArrayList<>();
		if (s.finalResults() != null) {
			for (Object o : Json.MAPPER.readValue(s.finalResults(), List.class)) {
				@SuppressWarnings("unchecked")
				Map<String, Object> m = (Map<String, Object>) o;
				finals.add(m);
			}
		}
		Page page = page(id, Math.max(0, offset), Math.max(0, Math.min(limit, 10_000)), finals);
		return new SnapshotStatus(id, env.source(), env.scope(), env.mode().name(), env.complete(), s.status(),
				java.time.Instant.ofEpochMilli(env.collectedAt()).toString(),
				new SnapshotStatus.Progress(s.itemsDone(), s.itemsTotal(), s.chunks()),
				SnapshotStatus.counts(s.countsByOperation()), s.edgesCreated(),
				s.withdrawal() == null ? null : Json.readMap(s.withdrawal()), s.error(), page.total(), page.results());
	}

	/** A page of entry results and how many there are in all. */
	private record Page(int total, List<Map<String, Object>> results) {
	}

	/**
	 * The requested page of entry results and their total, decoding only the chunks the page overlaps: agents poll a
	 * big snapshot's status with limit=0, and decoding a million results per poll took a quarter of the server's CPU
	 * during the tier-M benchmark (JFR).
	 */
	private Page page(String id, int offset, int limit, List<Map<String, Object>> finals) {
		List<Integer[]> counts = store.resultCounts(id);
		if (counts.stream().anyMatch(c -> c[1] == null)) {
			List<Map<String, Object>> all = new ArrayList<>(store.results(id));
			all.addAll(finals);
			int from = Math.min(offset, all.size());
			return new Page(all.size(), all.subList(from, Math.min(all.size(), from + limit)));
		}
		int total = finals.size();
		List<Integer> needed = new ArrayList<>();
		int skipped = 0;
		for (Integer[] c : counts) {
			int start = total - finals.size();
			if (limit > 0 && start + c[1] > offset && start < offset + limit) {
				needed.add(c[0]);
			}
			else if (start + c[1] <= offset) {
				skipped += c[1];
			}
			total += c[1];
		}
		List<Map<String, Object>> window = new ArrayList<>(needed.isEmpty() ? List.of() : store.results(id, needed));
		int chunkTotal = total - finals.size();
		if (limit > 0 && offset + limit > chunkTotal) {
			window.addAll(finals);
		}
		int from = Math.min(Math.max(0, offset - skipped), window.size());
		return new Page(total, window.subList(from, Math.min(window.size(), from + limit)));
	}

	/** Waits until the snapshot is COMPLETED or FAILED (for in-process agents and tests); returns its status. */
	public SnapshotStatus await(String id, Duration timeout) {
		awaitEnd(id, timeout);
		return status(id, 0, 10_000);
	}

	/**
	 * The snapshot's status once it has ended (COMPLETED or FAILED), or with {@code last}, whatever it is; null while
	 * it runs. One look of the long poll {@code GET /api/v1/snapshots/{id}?wait=}.
	 *
	 * @throws SnapshotException SNAPSHOT_NOT_FOUND (404)
	 */
	SnapshotStatus statusWhenEnded(String id, int offset, int limit, boolean last) {
		StoredSnapshot s = store.get(id);
		if (s != null && !StoredSnapshot.ended(s.status()) && !last) {
			worker.wake(); // an idle worker sleeps up to a second between looks at the queue
			return null;
		}
		SnapshotStatus status = status(id, offset, limit);
		if (status == null) {
			throw new SnapshotException(404, "SNAPSHOT_NOT_FOUND", "No snapshot " + id);
		}
		return status;
	}

	/**
	 * Returns when the snapshot has ended (COMPLETED or FAILED), is unknown, or at {@code timeout}, holding the
	 * caller's thread: for in-process callers ({@link #await}). Woken by the end itself on this instance
	 * ({@link SnapshotEnds}).
	 */
	void awaitEnd(String id, Duration timeout) {
		ends.await(() -> {
			StoredSnapshot s = store.get(id);
			if (s != null && !StoredSnapshot.ended(s.status())) {
				worker.wake(); // an idle worker sleeps up to a second between looks at the queue
				return false;
			}
			return true;
		}, timeout);
	}

}
