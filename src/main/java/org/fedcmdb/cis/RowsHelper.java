package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.fedcmdb.catalogue.CiClass;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.Json;
import org.fedcmdb.identification.Identity;

/** Turns a recomputed {@link CiState} into write rows: the node, changed assertions, identity keys and history. */
final class RowsHelper {

	private final ClassCatalogue catalogue;

	RowsHelper(ClassCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	/** @return the identity keys the CI gained */
	Set<String> addRows(GraphStore.Batch batch, CiState state, List<CiState.Change> changes, String source,
			String snapshotId, long now) {
		CiClass c = catalogue.get(state.className);
		if (state.isNew) {
			Map<String, Object> row = new HashMap<>();
			row.put("id", state.id);
			row.put("props", state.props);
			batch.createdByLabels.computeIfAbsent(String.join(":", c.labels()), k -> new ArrayList<>()).add(row);
		}
		else {
			batch.updated.add(Map.of("id", state.id, "props", state.props));
		}
		for (AssertionState a : state.assertions.values()) {
			if (!a.changed) {
				continue;
			}
			Map<String, Object> props = a.toProps(state.id);
			if (a.isNew) {
				batch.newAssertions.add(Map.of("ciId", state.id, "props", props));
			}
			else {
				batch.changedAssertions.add(Map.of("key", props.get("key"), "props", props));
			}
		}
		Set<String> newKeys = new LinkedHashSet<>(
				Identity.ofNormalised(catalogue, state.className, state.identifiers(), state.scope).allKeys());
		Set<String> oldKeys = new LinkedHashSet<>();
		if (!state.isNew) {
			oldKeys.addAll(Identity.ofNormalised(catalogue, state.className,
					Json.readIdentifiers(state.oldIdentifiersJson), state.scope).allKeys());
		}
		Set<String> added = new LinkedHashSet<>();
		for (String k : newKeys) {
			if (!oldKeys.contains(k) || state.rekey) {
				batch.addKeys.add(Map.of("key", k, "ciId", state.id, "fresh", state.isNew));
				added.add(k);
			}
		}
		for (String k : oldKeys) {
			if (!newKeys.contains(k)) {
				batch.removeKeys.add(Map.of("key", k, "ciId", state.id));
			}
		}
		for (CiState.Change ch : changes) {
			batch.history.add(historyRow(state.id, now, source, snapshotId, ch));
		}
		batch.events.addAll(CiEvents.of(state, changes, source, snapshotId));
		return added;
	}

	static Map<String, Object> historyRow(String ciId, long now, String source, String snapshotId, CiState.Change ch) {
		Map<String, Object> row = new HashMap<>();
		row.put("id", UUID.randomUUID().toString());
		row.put("ciId", ciId);
		row.put("at", now);
		row.put("source", source);
		row.put("snapshotId", snapshotId);
		row.put("kind", ch.kind());
		row.put("field", ch.field());
		row.put("oldValue", ch.oldValue() == null ? null : Json.write(ch.oldValue()));
		row.put("newValue", ch.newValue() == null ? null : Json.write(ch.newValue()));
		row.put("detail", ch.detail());
		return row;
	}

}
