package org.fedcmdb.cis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Transactions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A snapshot's remembered refs: answered from memory (the snapshots here have no assertion in the database, so an
 * answer can only come from memory), dropped when the identity epoch moves, bounded by the capacity.
 */
class SnapshotRefsIntegrationTests extends IntegrationTestSupport {

	@Autowired
	Transactions transactions;

	@Autowired
	CypherCatalog cypher;

	@Autowired
	GraphStore store;

	@Autowired
	SnapshotRefs shared;

	@Autowired
	MergeService merges;

	/** A merge (in its transaction) and a split move the identity epoch: what was remembered before is not trusted. */
	@Test
	void aMergeAndASplitMoveTheIdentityEpoch() {
		String u = unique();
		JsonNode first = ingest(snapshot("terraform-ep" + u, "DELTA", Instant.now(), List.of(
				item("x", "Server", Map.of("serialNumber", "EP-X-" + u), attrs()),
				item("y", "Server", Map.of("fqdn", "ep-y-" + u + ".example"), attrs())), List.of()));
		String x = ciId(first, "x");
		String y = ciId(first, "y");
		ingest(snapshot("nmap-ep" + u, "DELTA", Instant.now(), List.of(
				item("x", "Server", Map.of("serialNumber", "EP-X-" + u), attrs("os", "Linux"))), List.of()));

		String beforeMerge = shared.token();
		String survivor = merges.merge(x, List.of(x, y), "admin", null, "one machine");
		String afterMerge = shared.token();
		assertThat(afterMerge).isNotEqualTo(beforeMerge);

		merges.split(survivor, List.of("nmap-ep" + u), "two machines after all");
		assertThat(shared.token()).isNotEqualTo(afterMerge);
	}

	private SnapshotRefs refs(int capacity) {
		return new SnapshotRefs(transactions, cypher, store, capacity, 3);
	}

	@Test
	void rememberedRefsAnswerUntilTheIdentityEpochMoves() {
		SnapshotRefs refs = refs(100);
		String snapshot = "refs-" + unique();
		rememberAll(refs, snapshot, 1, refs.token(), Map.of("a", "ci-a", "b", "ci-b"));
		assertThat(refs.resolve(snapshot, "src", "scope", List.of("a", "b", "c"), 0, () -> ReportedRefs.NONE)).isEqualTo(Map.of("a", "ci-a", "b", "ci-b"));
		assertThat(refs.resolve("other-" + snapshot, "src", "scope", List.of("a"), 0, () -> ReportedRefs.NONE)).isEmpty();

		refs.bump(); // a merge, a split or a restore somewhere: no remembered ref is trusted any more
		assertThat(refs.resolve(snapshot, "src", "scope", List.of("a", "b"), 0, () -> ReportedRefs.NONE)).isEmpty();
		assertThat(refs.size()).isZero();
	}

	/** A chunk's look-ups hold refs of earlier chunks too; only its own items' refs are remembered from them. */
	@Test
	void onlyTheRefsAChunkAppliedAreRemembered() {
		SnapshotRefs refs = refs(100);
		String snapshot = "refs-" + unique();
		rememberAll(refs, snapshot, 1, refs.token(), Map.of("a", "ci-a"));
		java.util.Map<String, String> chunkTwo = new java.util.LinkedHashMap<>();
		chunkTwo.put("a", "ci-other"); // resolved, not applied, by chunk 2 (a value it would never differ in)
		chunkTwo.put("b", "ci-b");
		refs.remember(snapshot, 2, refs.token(), List.of("b", "refused"), chunkTwo);
		assertThat(refs.resolve(snapshot, "src", "scope", List.of("a", "b", "refused"), 2, () -> ReportedRefs.NONE))
			.isEqualTo(Map.of("a", "ci-a", "b", "ci-b"));
		assertThat(refs.size()).isEqualTo(2);
	}

	@Test
	void aChunkDuringWhichTheEpochMovedIsNotRemembered() {
		SnapshotRefs refs = refs(100);
		String snapshot = "refs-" + unique();
		String start = refs.token();
		rememberAll(refs, snapshot, 1, start, Map.of("a", "ci-a"));
		String second = refs.token();
		refs.bump(); // a merge inside the second chunk: what it applied may name merged CIs
		rememberAll(refs, snapshot, 2, second, Map.of("b", "ci-b"));
		assertThat(refs.resolve(snapshot, "src", "scope", List.of("a", "b"), 0, () -> ReportedRefs.NONE)).isEmpty();
		// the next chunk starts under the new epoch and is remembered again
		rememberAll(refs, snapshot, 3, refs.token(), Map.of("c", "ci-c"));
		assertThat(refs.resolve(snapshot, "src", "scope", List.of("a", "b", "c"), 0, () -> ReportedRefs.NONE)).isEqualTo(Map.of("c", "ci-c"));
		refs.forget(snapshot);
		assertThat(refs.resolve(snapshot, "src", "scope", List.of("c"), 0, () -> ReportedRefs.NONE)).isEmpty();
	}

	/**
	 * Refs of unchanged records a snapshot did not write come from their stored pairs when memory may lack them (not
	 * every earlier chunk remembered), and are not read at all when memory holds every earlier chunk.
	 */
	@Test
	void storedUnwrittenRecordsAnswerOnlyWhenMemoryMayLackThem() {
		SnapshotRefs refs = refs(100);
		String snapshot = "refs-" + unique();
		ReportedRefs stored = ReportedRefs.of(List.of(List.of(ReportedRefs.pair("ci-x", "x"))), false);
		int[] reads = { 0 };
		java.util.function.Supplier<ReportedRefs> unwritten = () -> {
			reads[0]++;
			return stored;
		};
		// chunk 2 remembered, chunk 1 not (applied by another instance): x may be one of chunk 1's
		rememberAll(refs, snapshot, 2, refs.token(), Map.of("b", "ci-b"));
		assertThat(refs.resolve(snapshot, "src", "scope", List.of("b", "x", "nope"), 2, unwritten))
			.isEqualTo(Map.of("b", "ci-b", "x", "ci-x"));
		assertThat(reads[0]).isEqualTo(1);

		String whole = "refs-" + unique();
		rememberAll(refs, whole, 1, refs.token(), Map.of("a", "ci-a"));
		rememberAll(refs, whole, 2, refs.token(), Map.of("b", "ci-b"));
		assertThat(refs.resolve(whole, "src", "scope", List.of("a", "nope"), 2, unwritten)).isEqualTo(Map.of("a", "ci-a"));
		assertThat(reads[0]).as("memory holds chunks 1 and 2 whole").isEqualTo(1);
		// a gap (chunk 4 without chunk 3) and memory is no longer whole
		rememberAll(refs, whole, 4, refs.token(), Map.of("d", "ci-d"));
		assertThat(refs.resolve(whole, "src", "scope", List.of("x"), 4, unwritten)).isEqualTo(Map.of("x", "ci-x"));
		assertThat(reads[0]).isEqualTo(2);
	}

	/**
	 * Memory whole for chunks 1 to n: a ref it lacks is a later chunk's, and the store is not read for it (an unchanged
	 * re-send's forward refs were a seek each, finding nothing); a record of the snapshot applied outside its chunks
	 * (a waiting record, once what it waited for came) leaves a gap, and the store is read again.
	 */
	@Test
	void wholeMemoryAnswersAloneUntilARecordIsAppliedOutsideTheChunks() {
		SnapshotRefs refs = refs(100);
		String u = unique();
		String source = "nmap-refs" + u;
		var posted = post("/api/v1/snapshots", "application/json", org.fedcmdb.graph.Json.MAPPER.writeValueAsBytes(
				snapshot(source, "DELTA", Instant.now(),
						List.of(item("w", "Server", Map.of("fqdn", "w-" + u + ".example"), attrs())), List.of())));
		String snapshot = org.fedcmdb.graph.Json.MAPPER.readTree(posted.body()).get("snapshotId").asString();
		JsonNode applied = awaitSnapshot(snapshot);
		String ci = ciId(applied, "w");
		rememberAll(refs, snapshot, 1, refs.token(), Map.of("a", "ci-a"));
		rememberAll(refs, snapshot, 2, refs.token(), Map.of("b", "ci-b"));
		assertThat(refs.resolve(snapshot, source, "-", List.of("a", "w"), 2, () -> ReportedRefs.NONE))
			.as("memory whole: w taken for a later chunk's").isEqualTo(Map.of("a", "ci-a"));
		refs.gap(snapshot);
		assertThat(refs.resolve(snapshot, source, "-", List.of("a", "w"), 2, () -> ReportedRefs.NONE))
			.isEqualTo(Map.of("a", "ci-a", "w", ci));
		rememberAll(refs, snapshot, 3, refs.token(), Map.of("c", "ci-c"));
		assertThat(refs.resolve(snapshot, source, "-", List.of("w"), 3, () -> ReportedRefs.NONE))
			.as("a gap stays").isEqualTo(Map.of("w", ci));
	}

	/**
	 * After the identity epoch moved (a merge, split or restore since the pairs were stored), a pair may name a CI
	 * that no longer carries the assertion: the ref is answered by the live assertion of the source in the scope.
	 */
	@Test
	void afterTheIdentityEpochMovedUnwrittenRefsAreReadFromTheLiveAssertion() {
		SnapshotRefs refs = refs(100);
		String source = "src-moved-" + unique();
		try (var session = driver.session()) {
			session.run("CREATE (:Assertion {key: 'survivor|' + $source, ciId: 'survivor', source: $source, "
					+ "scope: 'scope', ref: 'x', seen: 1, stale: false})", Map.of("source", source)).consume();
		}
		ReportedRefs moved = ReportedRefs.of(List.of(List.of(ReportedRefs.pair("merged-away", "x"))), true);
		assertThat(refs.resolve("refs-" + unique(), source, "scope", List.of("x"), 1, () -> moved))
			.isEqualTo(Map.of("x", "survivor"));
		assertThat(refs.resolve("refs-" + unique(), source, "other-scope", List.of("x"), 1, () -> moved)).isEmpty();
		ReportedRefs still = ReportedRefs.of(List.of(List.of(ReportedRefs.pair("merged-away", "x"))), false);
		assertThat(refs.resolve("refs-" + unique(), source, "scope", List.of("x"), 1, () -> still))
			.isEqualTo(Map.of("x", "merged-away"));
		// the withdrawal's view: the pair's CI, and after a move the ref alone
		assertThat(still.reports("merged-away", "y")).isTrue();
		assertThat(still.reports("survivor", "x")).isFalse();
		assertThat(moved.reports("survivor", "x")).isTrue();
	}

	/** A snapshot leaves at most fedcmdb.ingest.max-unwritten records unwritten (three here); the rest are touched. */
	@Test
	void aSnapshotLeavesABoundedNumberOfRecordsUnwritten() {
		SnapshotRefs refs = refs(100);
		String snapshot = "refs-" + unique();
		assertThat(refs.leaveUnwritten(snapshot, 2)).as("the first chunk, before any ref is remembered").isTrue();
		assertThat(refs.leaveUnwritten(snapshot, 2)).as("2 + 2 > 3").isFalse();
		refs.forget(snapshot);
		rememberAll(refs, snapshot, 1, refs.token(), Map.of("a", "ci-a"));
		assertThat(refs.leaveUnwritten(snapshot, 2)).as("counted anew once forgotten").isTrue();
		assertThat(refs.leaveUnwritten(snapshot, 2)).as("2 + 2 > 3").isFalse();
		assertThat(refs.leaveUnwritten(snapshot, 1)).isTrue();
		assertThat(refs.leaveUnwritten(snapshot, 1)).isFalse();
		assertThat(refs.leaveUnwritten("other-" + snapshot, 4)).as("one chunk alone past the bound").isFalse();
	}

	@Test
	void pastTheCapacityTheLeastRecentlyUsedSnapshotGoesFirst() {
		SnapshotRefs refs = refs(3);
		String old = "refs-old-" + unique();
		String recent = "refs-new-" + unique();
		String token = refs.token();
		rememberAll(refs, old, 1, token, Map.of("a", "ci-a", "b", "ci-b"));
		rememberAll(refs, recent, 1, token, Map.of("c", "ci-c", "d", "ci-d"));
		assertThat(refs.size()).as("the old snapshot's refs made room").isEqualTo(2);
		assertThat(refs.resolve(old, "src", "scope", List.of("a", "b"), 0, () -> ReportedRefs.NONE)).isEmpty();
		assertThat(refs.resolve(recent, "src", "scope", List.of("c", "d"), 0, () -> ReportedRefs.NONE)).hasSize(2);
		// a snapshot alone past the capacity keeps what fits; the rest is read from the database as before
		rememberAll(refs, recent, 1, token, Map.of("e", "ci-e", "f", "ci-f"));
		assertThat(refs.size()).isEqualTo(3);
	}

	/** A chunk whose items applied every ref of {@code ciByRef}. */
	private static void rememberAll(SnapshotRefs refs, String snapshot, int seq, String token,
			Map<String, String> ciByRef) {
		refs.remember(snapshot, seq, token, ciByRef.keySet(), ciByRef);
	}

}
