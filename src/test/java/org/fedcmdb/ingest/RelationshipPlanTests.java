package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.fedcmdb.catalogue.CatalogueFiles;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.cis.EdgeKeys;
import org.fedcmdb.cis.EdgeWriter.EdgeWrite;
import org.junit.jupiter.api.Test;

/** The relationship step of a chunk on plain records: resolved ends in, edges, waiting edges and refusals out. */
class RelationshipPlanTests {

	static final ClassCatalogue catalogue = CatalogueFiles.load();

	final SnapshotModel.Envelope env = new SnapshotModel.Envelope("vcenter", "dc1", SnapshotModel.Mode.FULL, true,
			false, 1_000L);

	final Map<String, SnapshotModel.Item> byRef = new java.util.HashMap<>();

	ChunkWork work(boolean last) {
		return new ChunkWork(new ChunkProcessor.Context("s1", env, 2, last), 5_000L);
	}

	static SnapshotModel.Endpoint ref(String ref) {
		return new SnapshotModel.Endpoint(ref, null, null);
	}

	static SnapshotModel.Relationship rel(int index, String type, SnapshotModel.Endpoint from, SnapshotModel.Endpoint to) {
		return new SnapshotModel.Relationship(index, type, from, to);
	}

	RelationshipPlan.Planned plan(ChunkWork w, List<SnapshotModel.Relationship> rels,
			Map<SnapshotModel.Endpoint, String> lookups) {
		return new RelationshipPlan(catalogue).plan(w, rels, RefSlots.of(List.of(), rels), byRef, lookups, key -> false);
	}

	/** A chunk whose refs vm, host and {@code third} resolved to ci-vm, ci-host and ci-{@code third}. */
	ChunkWork resolved(String third) {
		ChunkWork w = work(false);
		w.refToCi.put("vm", "ci-vm");
		w.refToCi.put("host", "ci-host");
		w.refToCi.put(third, "ci-" + third);
		return w;
	}

	/** Slots numbered for other relationships than those planned: refused, not read off by position. */
	@Test
	void slotsOfOtherRelationshipsAreRefused() {
		List<SnapshotModel.Relationship> rels = List.of(rel(0, "HOSTED_ON", ref("vm"), ref("host")));
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> new RelationshipPlan(catalogue).plan(resolved("db"), rels,
					RefSlots.of(List.of(), List.of()), byRef, Map.of(), key -> false))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("slots of 0 relationships for 1");
	}

	/** An edge its source is known to assert is reported (the withdrawal must not take it) but not written again. */
	@Test
	void anEdgeTheSourceAssertsAlreadyIsReportedButNotWritten() {
		ChunkWork w = resolved("db");
		long known = EdgeKeys.key("HOSTED_ON", "ci-vm", "ci-host");
		List<SnapshotModel.Relationship> rels = List.of(rel(0, "HOSTED_ON", ref("vm"), ref("host")),
				rel(1, "DEPENDS_ON", ref("db"), ref("vm")));
		RelationshipPlan.Planned p = new RelationshipPlan(catalogue).plan(w, rels, RefSlots.of(List.of(), rels), byRef,
				Map.of(), key -> key == known);
		assertThat(p.edges()).containsExactly(
				new EdgeWrite("DEPENDS_ON", "ci-db", "ci-vm", "vcenter", 1_000L, 5_000L, "s1", false, true));
		long[] reported = EdgeKeys.sorted(List.of(w.reported.build().toArray()));
		assertThat(EdgeKeys.contains(reported, known)).isTrue();
		assertThat(EdgeKeys.contains(reported, EdgeKeys.key("DEPENDS_ON", "ci-db", "ci-vm"))).isTrue();
		assertThat(p.waiting()).isEmpty();
		assertThat(w.otherResults).isEmpty();
	}

	@Test
	void resolvedEndsBecomeOneEdgeEachReportedAndCreatedWhenTheDependentIsNew() {
		ChunkWork w = resolved("app");
		w.createdIds.add("ci-app");
		RelationshipPlan.Planned p = plan(w, List.of(rel(0, "HOSTED_ON", ref("vm"), ref("host")),
				rel(1, "HOSTED_ON", ref("vm"), ref("host")), rel(2, "RUNS_ON", ref("app"), ref("vm"))), Map.of());
		assertThat(p.edges()).containsExactly(
				new EdgeWrite("HOSTED_ON", "ci-vm", "ci-host", "vcenter", 1_000L, 5_000L, "s1", false, true),
				new EdgeWrite("RUNS_ON", "ci-app", "ci-vm", "vcenter", 1_000L, 5_000L, "s1", true, false));
		long[] reported = EdgeKeys.sorted(List.of(w.reported.build().toArray()));
		assertThat(EdgeKeys.contains(reported, EdgeKeys.key("HOSTED_ON", "ci-vm", "ci-host"))).isTrue();
		assertThat(EdgeKeys.contains(reported, EdgeKeys.key("RUNS_ON", "ci-app", "ci-vm"))).isTrue();
		assertThat(EdgeKeys.contains(reported, EdgeKeys.key("RUNS_ON", "ci-vm", "ci-app"))).isFalse();
		assertThat(p.waiting()).isEmpty();
		assertThat(w.otherResults).isEmpty();
	}

	@Test
	void anEndNotKnownYetWaitsForItsRefOrLookUpAndIsDanglingInTheLastChunk() {
		ChunkWork w = work(false);
		w.refToCi.put("vm", "ci-vm");
		SnapshotModel.Endpoint lookup = new SnapshotModel.Endpoint(null, "Server", Map.of("serialNumber", "S-1"));
		RelationshipPlan.Planned p = plan(w, List.of(rel(0, "HOSTED_ON", ref("vm"), ref("later")),
				rel(1, "HOSTED_ON", ref("vm"), lookup)), Map.of());
		assertThat(p.edges()).isEmpty();
		assertThat(p.waiting()).hasSize(2);
		assertThat(w.otherResults).extracting(SnapshotModel.Result::code).containsExactly("AWAITING_REF",
				"LOOKUP_NOT_FOUND");
		WaitingEdge forLookup = p.waiting().get(1);
		assertThat(forLookup.fromId()).isEqualTo("ci-vm");
		assertThat(forLookup.toId()).isNull();
		assertThat(forLookup.chunk()).isEqualTo(2);
		assertThat(forLookup.index()).isEqualTo(1);
		assertThat(forLookup.lookup()).startsWith("Server ");
		assertThat(forLookup.keys()).isNotEmpty();
		assertThat(p.waiting().get(0).awaitRef()).isEqualTo("later");
		assertThat(p.waiting().get(0).keys()).isEmpty();
		assertThat(w.reported.build().count()).isZero();

		ChunkWork last = work(true);
		last.refToCi.put("vm", "ci-vm");
		RelationshipPlan.Planned inLast = plan(last, List.of(rel(0, "HOSTED_ON", ref("vm"), ref("later"))), Map.of());
		assertThat(inLast.waiting()).isEmpty();
		assertThat(last.otherResults).extracting(SnapshotModel.Result::code).containsExactly("DANGLING_REF");
	}

	@Test
	void anEndThatIsARefusedItemOrTheSameCiIsRefusedWithTheReason() {
		ChunkWork w = work(false);
		SnapshotModel.Item bad = new SnapshotModel.Item(0, "bad", "Server", Map.of(), Map.of(), "h");
		byRef.put("bad", bad);
		w.reject(bad, "MISSING_IDENTIFIER", "no identifier");
		w.refToCi.put("vm", "ci-vm");
		w.refToCi.put("vm2", "ci-vm");
		RelationshipPlan.Planned p = plan(w, List.of(rel(0, "HOSTED_ON", ref("vm"), ref("bad")),
				rel(1, "DEPENDS_ON", ref("vm"), ref("vm2"))), Map.of());
		assertThat(p.edges()).isEmpty();
		assertThat(p.waiting()).isEmpty();
		assertThat(w.otherResults).extracting(SnapshotModel.Result::code).containsExactly("DANGLING_REF", "SELF_LOOP");
		assertThat(w.otherResults.get(0).message()).contains("ref bad is REJECTED (MISSING_IDENTIFIER)");
	}

}
