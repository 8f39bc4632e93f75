package org.fedcmdb.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;

/**
 * The outbox's stored form, written field by field, is the JSON the mapper writes for the same envelopes as maps
 * (the form the feed, the webhooks and the GraphQL subscriptions read back): field order, a CI event's subject with
 * a null name, a snapshot event without one, nested and numeric data, an absent data map as an empty object. Each
 * event has an id of its own.
 */
class EventOutboxTests {

	@Test
	void theStoredBatchIsWhatTheMapperWritesForTheEnvelopes() {
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("changes", List.of(Map.of("field", "name", "old", "a"), Map.of("field", "n", "new", 3)));
		nested.put("count", 7L);
		nested.put("ratio", 0.5);
		nested.put("flag", true);
		List<EventDraft> drafts = List.of(
				EventDraft.aboutCi("ci.created", "c1", "Server", null, "scanner", "s1", nested),
				EventDraft.aboutCi("relationship.added", "c2", "Application", "shop \"ü\"", null, null,
						Map.of("type", "RUNS_ON", "to", "c1")),
				EventDraft.aboutSnapshot("snapshot.completed", "scanner", "s1", null));
		long at = 1_764_921_600_123L;
		String written = new String(EventOutbox.envelopes(drafts, at), StandardCharsets.UTF_8);

		List<Map<String, Object>> expected = drafts.stream().map(d -> envelope(d, at)).toList();
		assertThat(masked(written)).isEqualTo(masked(Json.write(expected)));
		List<?> read = (List<?>) Json.readValue(written);
		assertThat(read).hasSize(3);
		assertThat(read.stream().map(e -> ((Map<?, ?>) e).get("id")).distinct()).hasSize(3)
			.allSatisfy(id -> assertThat((String) id).matches("evt_[0-9a-f]{32}"));
		assertThat(((Map<?, ?>) read.get(0)).get("subject")).isEqualTo(new HashMap<>(subject("c1", "Server", null)));
		assertThat(((Map<?, ?>) read.get(2)).containsKey("subject")).isFalse();
		assertThat(((Map<?, ?>) read.get(2)).get("data")).isEqualTo(Map.of());
	}

	/** The envelope as a map, in the order the outbox writes its fields. */
	static Map<String, Object> envelope(EventDraft d, long at) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("id", "evt_x");
		e.put("type", d.type());
		e.put("version", EventTypes.VERSION);
		e.put("occurredAt", Instant.ofEpochMilli(at).toString());
		if (d.ciId() != null) {
			e.put("subject", subject(d.ciId(), d.ciClass(), d.ciName()));
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

	static Map<String, Object> subject(String ciId, String ciClass, String name) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("ciId", ciId);
		s.put("class", ciClass);
		s.put("name", name);
		return s;
	}

	static String masked(String json) {
		return json.replaceAll("\"evt_[0-9a-fx]+\"", "\"evt\"");
	}

}
