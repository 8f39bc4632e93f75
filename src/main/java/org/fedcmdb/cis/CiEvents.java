package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.events.EventDraft;
import org.fedcmdb.events.EventTypes;
import org.fedcmdb.graph.Json;

/** Turns what a recompute changed on a CI (its history entries) into the events the outbox publishes. */
final class CiEvents {

	private CiEvents() {
	}

	static List<EventDraft> of(CiState state, List<CiState.Change> changes, String source, String snapshotId) {
		List<EventDraft> out = new ArrayList<>();
		String name = (String) state.props.get("name");
		List<Map<String, Object>> updates = new ArrayList<>();
		Map<String, Object> provenance = null;
		for (CiState.Change ch : changes) {
			switch (ch.kind()) {
				case "INSERT" -> out.add(draft(state, name, EventTypes.CI_CREATED, source, snapshotId, created(state)));
				case "STATUS" -> out.add(draft(state, name, EventTypes.CI_STATUS_CHANGED, source, snapshotId,
						data("old", ch.oldValue(), "new", ch.newValue(), "detail", ch.detail())));
				case "MERGED" -> out.add(draft(state, name, EventTypes.CI_MERGED, source, snapshotId,
						data("survivorId", state.id, "mergedId", ch.oldValue(), "detail", ch.detail())));
				case "SPLIT" -> {
					if (ch.newValue() != null) { // the original's entry; the new CI has its own ci.created
						out.add(draft(state, name, EventTypes.CI_SPLIT, source, snapshotId,
								data("originalId", state.id, "newId", ch.newValue(), "detail", ch.detail())));
					}
				}
				default -> {
					if (provenance == null) {
						provenance = Json.readMap((String) state.props.get("provenance"));
					}
					updates.add(update(ch, provenance));
				}
			}
		}
		if (!updates.isEmpty()) {
			out.add(draft(state, name, EventTypes.CI_UPDATED, source, snapshotId, data("changes", updates)));
		}
		return out;
	}

	private static Map<String, Object> update(CiState.Change ch, Map<String, Object> provenance) {
		Map<String, Object> u = data("kind", ch.kind(), "field", ch.field(), "old", ch.oldValue(), "new", ch.newValue());
		if (ch.kind().equals("ATTRIBUTE") && provenance.get(ch.field()) instanceof List<?> p && p.size() >= 3) {
			u.put("winner", p.get(0)); // the source whose value is effective now, and why
			u.put("reason", p.get(2));
		}
		if (ch.detail() != null) {
			u.put("detail", ch.detail());
		}
		return u;
	}

	private static Map<String, Object> created(CiState state) {
		return data("status", state.status(), "identifiers", state.identifiers(), "attributes",
				Json.readMap((String) state.props.get("attributes")));
	}

	private static EventDraft draft(CiState state, String name, String type, String source, String snapshotId,
			Map<String, Object> data) {
		return EventDraft.aboutCi(type, state.id, state.className, name, source, snapshotId, data);
	}

	/** A map of the non-null pairs. */
	static Map<String, Object> data(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			if (kv[i + 1] != null) {
				m.put((String) kv[i], kv[i + 1]);
			}
		}
		return m;
	}

	/** relationship.added / relationship.removed, about the dependent CI. */
	static EventDraft relationship(String type, List<?> row, String relType, String source, String snapshotId) {
		// row: [fromId, fromClass, fromName, toId, toClass, toName]
		return EventDraft.aboutCi(type, (String) row.get(0), (String) row.get(1), (String) row.get(2), source, snapshotId,
				data("type", relType, "from", row.get(0), "to", row.get(3), "toClass", row.get(4), "toName", row.get(5)));
	}

}
