package org.fedcmdb.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Gzip;
import org.fedcmdb.graph.Json;
import org.neo4j.driver.TransactionContext;
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
		if (drafts.isEmpty() || !properties.enabled()) {
			return;
		}
		long at = System.currentTimeMillis();
		List<Map<String, Object>> events = new ArrayList<>(drafts.size());
		TreeSet<String> types = new TreeSet<>();
		for (EventDraft d : drafts) {
			if (!EventTypes.ALL.contains(d.type())) {
				throw new IllegalArgumentException("unknown event type " + d.type());
			}
			types.add(d.type());
			events.add(envelope(d, at));
		}
		byte[] payload = Gzip.compress(Json.write(events).getBytes(StandardCharsets.UTF_8));
		tx.run(cypher.get("events-append"), Map.of("count", drafts.size(), "at", at, "types", List.copyOf(types),
				"payload", payload)).consume();
	}

	/** The stored form; the sequence is the position in the batch plus its first sequence, given when read. */
	private static Map<String, Object> envelope(EventDraft d, long at) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""));
		e.put("type", d.type());
		e.put("version", EventTypes.VERSION);
		e.put("occurredAt", Instant.ofEpochMilli(at).toString());
		if (d.ciId() != null) {
			Map<String, Object> subject = new LinkedHashMap<>();
			subject.put("ciId", d.ciId());
			subject.put("class", d.ciClass());
			subject.put("name", d.ciName());
			e.put("subject", subject);
		}
		if (d.source() != null) {
			e.put("source", d.source());
		}
		if (d.snapshotId() != null) {
			e.put("snapshotId", d.snapshotId());
		}
		e.put("data", d.data() == null ? Map.of() : d.data());
		return e;
	}

}
