package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
	Set<String> addRows(CiBatch batch, CiState state, List<CiState.Change> changes, String source,
			String snapshotId, long now) {
		List<Map<String, Object>> newAssertions = new ArrayList<>();
		for (AssertionState a : state.assertions.values()) {
			if (!a.changed) {
				continue;
			}
			Map<String, Object> props = a.toProps(state.id, now);
			if (a.isNew) {
				newAssertions.add(props);
			}
			else {
				batch.changedAssertions.add(new BatchRows.AssertionUpdate((String) props.get("key"), props));
			}
		}
		Set<String> added = keyRows(batch, state);
		if (state.isNew) {
			// its INSERT history entry folded into it (ci-history makes the entry from these and createdAt): a node,
			// its properties and an index entry fewer per CI created
			state.props.put("createdBy", source);
			state.props.put("createdIn", snapshotId);
			// its assertions and keys created with it, in the same statement: no index seek for a CI just created
			CiClass c = catalogue.get(state.className);
			batch.created.add(new BatchRows.NewCi(state.id, c.labels(), state.props, newAssertions, List.copyOf(added)));
		}
		else {
			batch.updated.add(new BatchRows.CiUpdate(state.id, state.props));
			newAssertions.forEach(props -> batch.newAssertions.add(new BatchRows.NewAssertion(state.id, props)));
			added.forEach(k -> batch.addKeys.add(new BatchRows.KeyAdded(k, state.id)));
		}
		for (CiState.Change ch : changes) {
			if (!"INSERT".equals(ch.kind())) {
				batch.history.add(BatchRows.HistoryEntry.of(state.id, now, source, snapshotId, ch));
			}
		}
		batch.events.addAll(CiEvents.of(state, changes, source, snapshotId));
		return added;
	}

	/** The identity keys the CI gains (returned) and loses (removal rows added to the batch). */
	private Set<String> keyRows(CiBatch batch, CiState state) {
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
				added.add(k);
			}
		}
		for (String k : oldKeys) {
			if (!newKeys.contains(k)) {
				batch.removeKeys.add(new BatchRows.KeyRemoved(k, state.id));
			}
		}
		return added;
	}

}
