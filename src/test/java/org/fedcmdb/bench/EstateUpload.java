package org.fedcmdb.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.Snapshot;
import org.fedcmdb.agents.SnapshotPoster;

/**
 * Posts a streamed estate ({@link EstateGenerator#stream}) as one complete FULL snapshot of {@code terraform-bench},
 * chunk by chunk as the generator makes it, so that neither the estate nor the snapshot is ever held whole. The chunks
 * are those {@link Snapshot#chunks} makes of the whole estate: {@link SnapshotPoster#CHUNK} items each, every
 * relationship with the chunk of the CI it starts from; a chunk is sent once the generator says no more edges can
 * start from its CIs.
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

	/** Chunks not yet sent, in order; the last one is being filled. */
	private final List<Snapshot> open = new ArrayList<>();

	/** The open chunk each CI of the open chunks is in. */
	private final Map<String, Snapshot> chunkOf = new HashMap<>();

	EstateUpload(ChunkOut out, Instant collectedAt) {
		this.out = out;
		this.collectedAt = collectedAt;
	}

	static Map<String, Object> envelope(Instant collectedAt) {
		return new Snapshot("terraform-bench", "bench", "FULL", true, collectedAt).envelope();
	}

	static Posted post(SnapshotPoster poster, Instant collectedAt, int total, long seed) throws AgentException {
		SnapshotPoster.Upload upload = poster.open(envelope(collectedAt));
		EstateUpload sink = new EstateUpload(upload::chunk, collectedAt);
		EstateGenerator.Refs refs = EstateGenerator.stream(total, seed, sink);
		sink.finish();
		upload.complete();
		return new Posted(upload.id(), refs);
	}

	/** Sends the chunks still open, once the generator is done. */
	void finish() {
		send(open.size());
	}

	@Override
	public void ci(EstateGenerator.Ci ci) {
		if (open.isEmpty() || open.get(open.size() - 1).items().size() == SnapshotPoster.CHUNK) {
			open.add(new Snapshot("terraform-bench", "bench", "FULL", true, collectedAt));
		}
		Snapshot chunk = open.get(open.size() - 1);
		chunk.item(ci.ref(), ci.className(), ci.identifiers(), ci.attributes());
		chunkOf.put(ci.ref(), chunk);
	}

	@Override
	public void edge(EstateGenerator.Edge edge) {
		Snapshot chunk = chunkOf.get(edge.from());
		if (chunk == null) {
			throw new IllegalStateException("an edge from " + edge.from() + ", whose chunk was sent");
		}
		chunk.rel(edge.type(), edge.from(), edge.to());
	}

	/** Sends every full chunk: no edge can start from their CIs any more. */
	@Override
	public void edgesComplete() {
		int full = open.size();
		if (full > 0 && open.get(full - 1).items().size() < SnapshotPoster.CHUNK) {
			full--;
		}
		send(full);
	}

	private void send(int count) {
		for (int i = 0; i < count; i++) {
			Snapshot chunk = open.remove(0);
			chunk.items().forEach(item -> chunkOf.remove((String) item.get("ref")));
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("items", chunk.items());
			body.put("relationships", chunk.relationships());
			try {
				out.send(body);
			}
			catch (AgentException ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
		}
	}

}
