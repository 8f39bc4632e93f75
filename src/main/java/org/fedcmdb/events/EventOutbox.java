package org.fedcmdb.events;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Compressed;
import org.fedcmdb.graph.Json;
import org.neo4j.driver.TransactionContext;
import tools.jackson.core.JsonGenerator;
import org.springframework.stereotype.Component;

/**
 * The transactional outbox: producers append the events of a change in the transaction that makes the change, so a
 * change never commits without its events and an event never exists for a change that rolled back. Events are stored
 * as one compressed batch node per append (a 10,000-CI chunk writes one node, not 10,000): cheap enough for a first
 * load of a million CIs. The feed and the webhook deliveries read from here.
 */
@Component
public class EventOutbox {

	private final CypherCatalog cypher;

	private final EventProperties properties;

	EventOutbox(CypherCatalog cypher, EventProperties properties) {
		this.cypher = cypher;
		this.properties = properties;
	}

	/** Appends {@code drafts} in {@code tx}; does nothing when there are none or events are switched off. */
	public void append(TransactionContext tx, List<EventDraft> drafts) {
		append(tx, prepare(drafts));
	}

	/**
	 * A batch ready to append: its envelopes written and compressed. Made while a batch of writes is built, so that
	 * only the sequence's statement runs where commits are ordered ({@code org.fedcmdb.graph.Transactions#writeInOrder}):
	 * a first ingest appends an event per CI and per edge, and the JSON and gzip of a 10,000-edge batch took longer than
	 * its statement.
	 */
	public record Prepared(int count, long at, List<String> types, byte[] payload) {
	}

	/** {@code drafts} as a batch ready to append; null when there are none or events are switched off. */
	public Prepared prepare(List<EventDraft> drafts) {
		if (drafts.isEmpty() || !properties.enabled()) {
			return null;
		}
		long at = System.currentTimeMillis();
		TreeSet<String> types = new TreeSet<>();
		for (EventDraft d : drafts) {
			if (!EventTypes.ALL.contains(d.type())) {
				throw new IllegalArgumentException("unknown event type " + d.type());
			}
			types.add(d.type());
		}
		return new Prepared(drafts.size(), at, List.copyOf(types), Compressed.compress(envelopes(drafts, at)));
	}

	/** Appends a prepared batch in {@code tx}; does nothing for none (null). */
	public void append(TransactionContext tx, Prepared batch) {
		if (batch == null) {
			return;
		}
		tx.run(cypher.get("events-append"), Map.of("count", batch.count(), "at", batch.at(), "types", batch.types(),
				"payload", batch.payload())).consume();
	}

	/**
	 * The stored form of a batch: a JSON array of envelopes ({@code id}, {@code type}, {@code version},
	 * {@code occurredAt}, a CI's {@code subject}, {@code source}, {@code snapshotId}, {@code data}; the sequence is
	 * the position in the batch plus its first sequence, given when read), written field by field: a first
	 * ingest appends one event per CI and per edge, and building a map per envelope (and a time string per event) for
	 * the mapper to walk took about 5 us an event, a twentieth of the ingest worker's time in the profile. The data
	 * maps still go through the mapper.
	 */
	static byte[] envelopes(List<EventDraft> drafts, long at) {
		String occurredAt = Instant.ofEpochMilli(at).toString();
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, drafts.size() * 320));
		try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
			g.writeStartArray();
			for (EventDraft d : drafts) {
				g.writeStartObject();
				g.writeStringProperty("id", eventId());
				g.writeStringProperty("type", d.type());
				g.writeNumberProperty("version", EventTypes.VERSION);
				g.writeStringProperty("occurredAt", occurredAt);
				if (d.ciId() != null) {
					g.writeName("subject");
					g.writeStartObject();
					g.writeStringProperty("ciId", d.ciId());
					g.writeStringProperty("class", d.ciClass());
					g.writeStringProperty("name", d.ciName());
					g.writeEndObject();
				}
				if (d.source() != null) {
					g.writeStringProperty("source", d.source());
				}
				if (d.snapshotId() != null) {
					g.writeStringProperty("snapshotId", d.snapshotId());
				}
				g.writeName("data");
				g.writePOJO(d.data() == null ? Map.of() : d.data());
				g.writeEndObject();
			}
			g.writeEndArray();
		}
		return out.toByteArray();
	}

	private static String eventId() {
		return "evt_" + UUID.randomUUID().toString().replace("-", "");
	}

}
