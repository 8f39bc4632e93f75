package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.catalogue.CatalogueFiles;
import org.fedcmdb.cis.GraphStore;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.Json;
import org.fedcmdb.identification.Identifier;
import org.fedcmdb.identification.Identity;
import org.junit.jupiter.api.Test;

/** The identification step of a chunk on plain records: what the store matched in, which CI each record is out. */
class ItemDecisionsTests {

	static final ClassCatalogue catalogue = CatalogueFiles.load();

	final Identifier identifier = new Identifier(catalogue, 10);

	final List<GraphStore.CandidateRow> stored = new ArrayList<>();

	final Map<SnapshotModel.Item, Identity> records = new LinkedHashMap<>();

	final ItemDecisions.ChunkMemory chunk = new ItemDecisions.ChunkMemory(new HashMap<>(), new HashMap<>());

	/** A CI in the store as the look-up returns it: one row per identity key. */
	void store(String id, String className, Map<String, ?> ids, String hash) {
		store(id, className, ids, hash, "ref-" + id, "scope", false);
	}

	/** ... with the source's assertion carrying this ref and scope, stale or not. */
	void store(String id, String className, Map<String, ?> ids, String hash, String ref, String scope, boolean stale) {
		Identity identity = Identity.of(catalogue, className, ids, null);
		for (String key : identity.allKeys()) {
			stored.add(new GraphStore.CandidateRow(key, id, className, 1L, identity.scope(),
					Json.write(identity.identifiers()), List.of(), hash, ref, scope, stale, "ACTIVE"));
		}
	}

	SnapshotModel.Item record(String ref, String className, Map<String, Object> ids, String hash) {
		SnapshotModel.Item item = new SnapshotModel.Item(records.size(), ref, className, ids, Map.of(), hash);
		records.put(item, Identity.of(catalogue, className, ids, null));
		return item;
	}

	ItemDecisions.Plan decide(boolean allowMerge, boolean mayInsert) {
		List<GraphStore.CandidateRow> matched = stored.stream()
			.filter(r -> records.values().stream().anyMatch(i -> i.allKeys().contains(r.key()))).toList();
		return ItemDecisions.decide(identifier, records, matched, chunk, allowMerge, cls -> mayInsert, 100L);
	}

	@Test
	void aKnownRecordMatchesANewOneIsCreatedAndRememberedForTheRestOfTheChunk() {
		store("h1", "Server", Map.of("serialNumber", "VMW-1"), "x");
		SnapshotModel.Item known = record("a", "Server", Map.of("serialNumber", "VMW-1"), "x");
		SnapshotModel.Item fresh = record("b", "Server", Map.of("serialNumber", "VMW-2"), "y");
		ItemDecisions.Plan plan = decide(true, true);
		assertThat(plan.target().get(known)).isEqualTo("h1");
		String created = plan.target().get(fresh);
		assertThat(plan.created()).containsOnlyKeys(created);
		assertThat(chunk.candidates()).containsKey(created);
		assertThat(chunk.keys()).containsValue(created);

		// a later record of the same chunk with the same serial finds the CI the chunk created
		records.clear();
		SnapshotModel.Item again = record("c", "Server", Map.of("serialNumber", "VMW-2"), "y");
		assertThat(decide(true, true).target().get(again)).isEqualTo(created);
	}

	@Test
	void aRecordProvingTwoCisOneIsSetAsideWithAMergePlanThenAppliedToTheSurvivor() {
		store("h1", "Server", Map.of("serialNumber", "VMW-7"), "x");
		store("h2", "Server", Map.of("fqdn", "db7.corp.example"), "x");
		SnapshotModel.Item both = record("a", "Server", Map.of("serialNumber", "VMW-7", "fqdn", "db7.corp.example"), "z");
		ItemDecisions.Plan first = decide(true, true);
		assertThat(first.setAside()).containsExactly(both);
		assertThat(first.mergePlan()).hasSize(1);
		String survivor = first.mergePlan().keySet().iterator().next();
		assertThat(List.of("h1", "h2")).contains(survivor);
		assertThat(first.target()).isEmpty();
		ItemDecisions.Plan second = decide(false, true);
		assertThat(second.target().get(both)).isIn("h1", "h2");
		assertThat(second.mergePlan()).isEmpty();
	}

	@Test
	void aKeyThatIdentifiesSeveralStoredCisOffersEveryOneOfThem() {
		// three CIs found under one serial (duplicates an earlier feed made): one match per CI, none lost
		store("h1", "Server", Map.of("serialNumber", "VMW-9"), "x");
		store("h2", "Server", Map.of("serialNumber", "VMW-9"), "x");
		store("h3", "Server", Map.of("serialNumber", "VMW-9"), "x");
		SnapshotModel.Item item = record("a", "Server", Map.of("serialNumber", "VMW-9"), "z");
		ItemDecisions.Plan plan = decide(true, true);
		assertThat(plan.setAside()).containsExactly(item);
		String survivor = plan.mergePlan().keySet().iterator().next();
		List<String> all = new ArrayList<>(plan.mergePlan().get(survivor));
		all.add(survivor);
		assertThat(all).containsExactlyInAnyOrder("h1", "h2", "h3");
	}

	@Test
	void aNewCiItsSourceMayNotCreateWaits() {
		SnapshotModel.Item item = record("a", "Server", Map.of("serialNumber", "VMW-9"), "x");
		ItemDecisions.Plan plan = decide(true, false);
		assertThat(plan.waiting()).containsExactly(item);
		assertThat(plan.target()).isEmpty();
		assertThat(plan.created()).isEmpty();
		assertThat(chunk.keys()).isEmpty();
	}

	@Test
	void onlyAnUnchangedRecordOfAnActiveStoredCiTakesTheFastPath() {
		store("same", "Server", Map.of("serialNumber", "S-1"), "h-same");
		store("changed", "Server", Map.of("serialNumber", "S-2"), "h-old");
		store("twice", "Server", Map.of("serialNumber", "S-3"), "h-twice");
		record("a", "Server", Map.of("serialNumber", "S-1"), "h-same");
		record("b", "Server", Map.of("serialNumber", "S-2"), "h-new");
		record("c", "Server", Map.of("serialNumber", "S-3"), "h-twice");
		record("d", "Server", Map.of("serialNumber", "S-3"), "h-other");
		SnapshotModel.Item fresh = record("e", "Server", Map.of("serialNumber", "S-4"), "h-new");
		ItemDecisions.Plan plan = decide(true, true);
		ItemDecisions.Touches touches = ItemDecisions.touches(plan, chunk.candidates(), "scope", true);
		assertThat(touches.unchanged()).containsOnlyKeys("same");
		// changed, and reached twice by one chunk: loaded and reconciled; the new CI is neither
		assertThat(touches.toLoad()).containsExactlyInAnyOrder("changed", "twice");
		assertThat(touches.toLoad()).doesNotContain(plan.target().get(fresh));
	}

	@Test
	void onlyAnUnchangedRecordWhoseAssertionSaysTheSameRefAndScopeIsLeftForTheFinishToConfirm() {
		store("kept", "Server", Map.of("serialNumber", "S-1"), "h1", "a", "scope", false);
		store("renamed", "Server", Map.of("serialNumber", "S-2"), "h2", "old-ref", "scope", false);
		store("moved", "Server", Map.of("serialNumber", "S-3"), "h3", "c", "other-scope", false);
		store("stale", "Server", Map.of("serialNumber", "S-4"), "h4", "d", "scope", true);
		record("a", "Server", Map.of("serialNumber", "S-1"), "h1");
		record("b", "Server", Map.of("serialNumber", "S-2"), "h2");
		record("c", "Server", Map.of("serialNumber", "S-3"), "h3");
		record("d", "Server", Map.of("serialNumber", "S-4"), "h4");
		ItemDecisions.Plan plan = decide(true, true);
		ItemDecisions.Touches full = ItemDecisions.touches(plan, chunk.candidates(), "scope", true);
		assertThat(full.unchanged()).containsOnlyKeys("kept", "renamed", "moved", "stale");
		// a new ref, another scope or a stale assertion is written now (touched); the rest waits for the finish
		assertThat(full.confirmedLater()).containsExactly("kept");
		assertThat(ItemDecisions.touches(plan, chunk.candidates(), "scope", false).confirmedLater()).isEmpty();
	}

	@Test
	void aStoredCisIdentifiersAreParsedOnlyWhenIdentificationComparesThem() {
		GraphStore.CandidateRow row = new GraphStore.CandidateRow("k", "h1", "Server", 1L, "-",
				"{\"serialNumber\":[\"VMW-1\"],\"fqdn\":[\"a.example\"]}", List.of(), "x", "r", "s", false, "ACTIVE");
		ItemDecisions.IdentifiersOnUse ids = (ItemDecisions.IdentifiersOnUse) ItemDecisions.candidate(row).identifiers();
		assertThat(ids.isParsed()).isFalse();
		assertThat(ids.get("serialNumber")).containsExactly("VMW-1");
		assertThat(ids.isParsed()).isTrue();
		assertThat(ids).isEqualTo(Map.of("serialNumber", List.of("VMW-1"), "fqdn", List.of("a.example")));
	}

	@Test
	void aRecordMatchingOnALowerSetIsComparedWithTheStoredCisHigherPrioritySet() {
		store("h1", "Server", Map.of("serialNumber", "VMW-1", "fqdn", "a.corp.example"), "x");
		// the FQDN names h1, but the serial number (a higher-priority set) says another machine: a new CI
		SnapshotModel.Item rebuilt = record("a", "Server", Map.of("serialNumber", "VMW-9", "fqdn", "a.corp.example"), "y");
		SnapshotModel.Item same = record("b", "Server", Map.of("serialNumber", "VMW-1"), "x");
		ItemDecisions.Plan plan = decide(true, true);
		assertThat(plan.target().get(rebuilt)).isNotEqualTo("h1").isIn(plan.created().keySet());
		assertThat(plan.target().get(same)).isEqualTo("h1");
	}

	/** A record bound to a CI by its source's live assertion, as {@code GraphStore.bound} reads it. */
	static GraphStore.CandidateRow bound(String id, String className, String scope, String hash, String status) {
		return new GraphStore.CandidateRow(null, id, className, 1L, scope, null, List.of(), hash, "r", "scope", false,
				status);
	}

	@Test
	void aRecordStaysBoundToItsAssertionsCiOnlyWhileItIsUnchangedActiveOfItsClassAndInItsScope() {
		SnapshotModel.Item item = record("r", "Server", Map.of("serialNumber", "VMW-1"), "x");
		Identity identity = records.get(item);
		assertThat(ItemDecisions.stillBound(item, identity, bound("h1", "Server", "-", "x", "ACTIVE"))).isTrue();
		assertThat(ItemDecisions.stillBound(item, identity, null)).isFalse();
		// changed, retired, reclassified or identified inside another parent: identified again
		assertThat(ItemDecisions.stillBound(item, identity, bound("h1", "Server", "-", "y", "ACTIVE"))).isFalse();
		assertThat(ItemDecisions.stillBound(item, identity, bound("h1", "Server", "-", null, "ACTIVE"))).isFalse();
		assertThat(ItemDecisions.stillBound(item, identity, bound("h1", "Server", "-", "x", "RETIRED"))).isFalse();
		assertThat(ItemDecisions.stillBound(item, identity, bound("h1", "Host", "-", "x", "ACTIVE"))).isFalse();
		assertThat(ItemDecisions.stillBound(item, identity, bound("h1", "Server", "parent-1", "x", "ACTIVE"))).isFalse();
	}

	@Test
	void aBoundRecordGoesToItsCiWithoutIdentificationAndItsRowDecidesItsTouch() {
		// the record's serial number names h2 in the store, but its assertion is on h1 (split from h2 by an admin)
		store("h2", "Server", Map.of("serialNumber", "VMW-1"), "x");
		SnapshotModel.Item moved = record("r", "Server", Map.of("serialNumber", "VMW-1"), "x");
		SnapshotModel.Item other = record("s", "Server", Map.of("serialNumber", "VMW-2"), "z");
		Map<SnapshotModel.Item, GraphStore.CandidateRow> boundRows = Map.of(moved, bound("h1", "Server", "-", "x", "ACTIVE"));
		ItemDecisions.Plan plan = ItemDecisions.decide(identifier, records, boundRows, stored, chunk, true, cls -> true,
				100L);
		assertThat(plan.target().get(moved)).isEqualTo("h1");
		assertThat(plan.target().get(other)).isIn(plan.created().keySet());
		assertThat(plan.created()).hasSize(1);
		ItemDecisions.Touches touches = ItemDecisions.touches(plan, chunk.candidates(), "scope", true);
		assertThat(touches.unchanged()).containsOnlyKeys("h1");
		assertThat(touches.confirmedLater()).containsExactly("h1");
		// without the binding, identification names the CI the serial number identifies
		assertThat(decide(true, true).target().get(moved)).isEqualTo("h2");
	}

}
