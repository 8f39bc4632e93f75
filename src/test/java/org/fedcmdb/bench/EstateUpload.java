package org.fedcmdb.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.Snapshot;
import org.fedcmdb.agents.SnapshotPoster;

/**
 * Posts a streamed estate ({@link EstateGenerator#stream}) as one complete FULL snapshot of {@code terraform-bench},
 * chunk by chunk as the generator makes it, holding one chunk at a time, so that neither the estate nor the snapshot
 * is ever held whole. The chunks hold the items {@link Snapshot#chunks} would cut the whole snapshot into
 * ({@link SnapshotPoster#CHUNK} each) and every relationship travels with the chunk of the CI it starts from, except
 * the few the generator makes after that chunk was sent (a load balancer's edges to its pools, the application
 * services' cycles: under 1% of the edges), which follow the last items in chunks of relationships only.
 */
final class EstateUpload implements EstateGenerator.Sink {

	/** The posted snapshot's id, and what the phases after the ingest need of the estate. */
	record Posted(String snapshotId, EstateGenerator.Refs refs) {
	}

	/** Where a chunk goes when it is complete. */
	interface ChunkOut {

		void send(Map<String, Object> chunk) throws AgentException;

	}

	private final ChunkOut out;

	private final Instant collectedAt;

	/** The server's limit of relationships per chunk. */
	static final int MAX_RELATIONSHIPS = SnapshotPoster.CHUNK * 5;

	/** The chunk being filled, and the refs of its items. */
	private Snapshot open;

	private final java.util.Set<String> openRefs = new java.util.HashSet<>();

	/** Edges made after the chunk of the CI they start from was sent. */
	private final java.util.List<Map<String, Object>> later = new java.util.ArrayList<>();

	EstateUpload(ChunkOut out, Instant collectedAt) {
		this.out = out;
		this.collectedAt = collectedAt;
	}

	/** The estate's source and scope: one complete FULL snapshot of {@code terraform-bench}, scope {@code bench}. */
	static Snapshot emptySnapshot(Instant collectedAt) {
		return new Snapshot("terraform-bench", "bench", "FULL", true, collectedAt);
	}

	static Map<String, Object> envelope(Instant collectedAt) {
		return emptySnapshot(collectedAt).envelope();
	}

	static Posted post(SnapshotPoster poster, Instant collectedAt, int total, long seed) throws AgentException {
		SnapshotPoster.Upload upload = poster.open(envelope(collectedAt));
		EstateUpload sink = new EstateUpload(upload::chunk, collectedAt);
		EstateGenerator.Refs refs = EstateGenerator.stream(total, seed, sink);
		sink.finish();
		upload.complete();
		return new Posted(upload.id(), refs);
	}

	/** Sends the chunk being filled and the edges made after their CI's chunk, once the generator is done. */
	void finish() {
		if (open != null) {
			send();
		}
		for (int i = 0; i < later.size(); i += MAX_RELATIONSHIPS) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("items", java.util.List.of());
			body.put("relationships", later.subList(i, Math.min(later.size(), i + MAX_RELATIONSHIPS)));
			send(body);
		}
	}

	/** A full chunk is sent when the next CI comes: the edges from its last CI came before it. */
	@Override
	public void ci(EstateGenerator.Ci ci) {
		if (open != null && open.items().size() == SnapshotPoster.CHUNK) {
			send();
		}
		if (open == null) {
			open = emptySnapshot(collectedAt);
		}
		open.item(ci.ref(), ci.className(), ci.identifiers(), ci.attributes());
		openRefs.add(ci.ref());
	}

	@Override
	public void edge(EstateGenerator.Edge edge) {
		if (open == null || !openRefs.contains(edge.from())) {
			later.add(Map.of("type", edge.type(), "from", edge.from(), "to", edge.to()));
			return;
		}
		if (open.relationships().size() == MAX_RELATIONSHIPS) {
			throw new IllegalStateException("more than " + MAX_RELATIONSHIPS + " relationships from one chunk's CIs");
		}
		open.rel(edge.type(), edge.from(), edge.to());
	}

	private void send() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", open.items());
		body.put("relationships", open.relationships());
		open = null;
		openRefs.clear();
		send(body);
	}

	private void send(Map<String, Object> body) {
		try {
			out.send(body);
		}
		catch (AgentException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

}
