package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.fedcmdb.reconciliation.Observation;
import org.fedcmdb.reconciliation.Reconciler;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Repairs CIs that versions before withdrawn assertions were kept stripped bare: when the last source withdrew, the CI
 * lost its identifiers and values (history entries IDENTIFIER/ATTRIBUTE → null at the withdrawal), so a record of the
 * same machine became a duplicate. The entries of that withdrawal hold the old values: they are put back as the
 * withdrawing source's withdrawn assertion (seen at the CI's last-seen time), the CI is recomputed and its identity
 * keys return, so the next record of the machine identifies it again (and a duplicate created meanwhile is merged into
 * it by identification, the older CI surviving). Runs at start; a repaired CI no longer matches, so it is idempotent.
 */
@Component
class StrippedCiRepair {

	private static final Logger log = LoggerFactory.getLogger(StrippedCiRepair.class);

	private static final int PAGE = 1_000;

	private final Driver driver;

	private final CypherCatalog cypher;

	private final GraphStore store;

	private final ClassCatalogue catalogue;

	private final Reconciler reconciler;

	private final WriterLease lock;

	StrippedCiRepair(Driver driver, CypherCatalog cypher, GraphStore store, ClassCatalogue catalogue,
			Reconciler reconciler, WriterLease lock) {
		this.driver = driver;
		this.cypher = cypher;
		this.store = store;
		this.catalogue = catalogue;
		this.reconciler = reconciler;
		this.lock = lock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void repairAtStart() {
		try {
			int repaired = run();
			if (repaired > 0) {
				log.info("Restored the identity and last known values of {} CI(s) stripped by an earlier version's "
						+ "withdrawal", repaired);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Repair of stripped CIs did not run: {}", ex.toString());
		}
	}

	/** Repairs under the writer lease; @return how many CIs were repaired */
	int run() {
		return lock.call(this::repair);
	}

	private int repair() {
		int total = 0;
		while (true) {
			List<Record> rows;
			try (Session s = driver.session()) {
				rows = s.executeRead(tx -> tx.run(cypher.get("repair-stripped-cis"), Map.of("limit", PAGE)).list());
			}
			if (rows.isEmpty()) {
				return total;
			}
			Map<String, CiState> states = store.load(rows.stream().map(r -> r.get("id").asString()).toList());
			CiBatch batch = new CiBatch();
			RowsHelper helper = new RowsHelper(catalogue);
			long now = System.currentTimeMillis();
			int repaired = 0;
			for (Record r : rows) {
				CiState state = states.get(r.get("id").asString());
				if (state == null || !restore(state, r)) {
					continue;
				}
				state.notes.add(new CiState.Change("REPAIRED", null, null, null,
						"identifiers and last known values restored from the history of the withdrawal at "
								+ java.time.Instant.ofEpochMilli(r.get("withdrawnAt").asLong())));
				helper.addRows(batch, state, state.recompute(catalogue, reconciler, now), "repair", null, now);
				repaired++;
			}
			unbindDuplicates(batch.addKeys);
			store.write(batch);
			total += repaired;
			if (repaired == 0) {
				return total; // nothing restorable in what is left
			}
		}
	}

	/**
	 * A duplicate created meanwhile holds the records of the machine, bound to it (an unchanged record is not
	 * identified again): their bindings are dropped, before the repaired CI's keys are written, so that their next
	 * report is identified and merges it.
	 */
	private void unbindDuplicates(List<BatchRows.KeyAdded> keys) {
		if (keys.isEmpty()) {
			return;
		}
		List<Map<String, Object>> rows = keys.stream().map(BatchRows.KeyAdded::parameters).toList();
		try (Session s = driver.session()) {
			long unbound = s.executeWrite(tx -> tx.run(cypher.get("repair-unbind-duplicates"), Map.of("keys", rows))
				.single().get("unbound").asLong());
			if (unbound > 0) {
				log.info("{} record(s) of CIs sharing an identity key with a repaired CI will be identified again", unbound);
			}
		}
	}

	private static boolean restore(CiState state, Record r) {
		String source = (String) Json.readValue(r.get("source").asString(null));
		if (source == null || state.assertions.containsKey(source)) {
			return false;
		}
		long lastSeen = r.get("lastSeen").isNull() ? 0 : r.get("lastSeen").asLong();
		AssertionState a = new AssertionState(source, true);
		a.firstSeen = r.get("firstSeen").isNull() ? lastSeen : r.get("firstSeen").asLong();
		a.seen = lastSeen;
		a.withdrawnAt = r.get("withdrawnAt").asLong();
		a.scope = state.scope;
		for (Value e : r.get("entries").values()) {
			Object old = Json.readValue(e.get("oldValue").asString());
			if (e.get("kind").asString().equals("IDENTIFIER") && old instanceof List<?> values) {
				List<String> ids = new ArrayList<>();
				values.forEach(v -> ids.add(String.valueOf(v)));
				a.identifiers.put(e.get("field").asString(), List.copyOf(ids));
			}
			else if (e.get("kind").asString().equals("ATTRIBUTE") && old != null) {
				a.values.put(e.get("field").asString(), new Observation(old, lastSeen));
			}
		}
		if (a.identifiers.isEmpty()) {
			return false;
		}
		a.changed = true;
		state.assertions.put(source, a);
		state.dirty = true;
		state.rekey = true;
		return true;
	}

}
