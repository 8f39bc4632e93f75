package org.fedcmdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;

import org.fedcmdb.agents.SnapshotPoster;
import org.junit.jupiter.api.Test;

/** The benchmark's inputs: deterministic from the seed, shaped as documented, with a known ground truth. */
class EstateGeneratorTests {

	@Test
	void theSameSeedGivesTheSameEstate() {
		var a = EstateGenerator.generate(10_000, 7);
		var b = EstateGenerator.generate(10_000, 7);
		assertThat(a.cis()).isEqualTo(b.cis());
		assertThat(a.edges()).isEqualTo(b.edges());
		assertThat(EstateGenerator.generate(10_000, 8).edges()).isNotEqualTo(a.edges());
	}

	/**
	 * The streamed upload sends the items the whole snapshot is cut into, chunk by chunk, and every edge once: with
	 * the chunk of the CI it starts from, or (the few made after that chunk was sent) in chunks of relationships only
	 * after the last items; no chunk beyond the server's limits.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void theStreamedEstateIsChunkedAsTheWholeSnapshotWouldBe() {
		Instant at = Instant.parse("2026-12-03T00:00:00Z");
		List<Map<String, Object>> sent = new ArrayList<>();
		EstateUpload upload = new EstateUpload(sent::add, at);
		EstateGenerator.Refs refs = EstateGenerator.stream(100_000, 42, upload);
		upload.finish();
		var whole = EstateGenerator.generate(100_000, 42);
		assertThat(refs.cis()).isEqualTo(whole.cis().size());
		assertThat(refs.edges()).isEqualTo(whole.edges().size());
		List<Map<String, Object>> expected = Bench.snapshot(whole, at).chunks(SnapshotPoster.CHUNK);
		assertThat(sent).hasSizeGreaterThan(expected.size());
		Map<Object, Integer> chunkOf = new HashMap<>();
		List<String> sentEdges = new ArrayList<>();
		List<String> expectedEdges = new ArrayList<>();
		int later = 0;
		for (int c = 0; c < sent.size(); c++) {
			List<Map<String, Object>> items = (List<Map<String, Object>>) sent.get(c).get("items");
			List<Map<String, Object>> rels = (List<Map<String, Object>>) sent.get(c).get("relationships");
			assertThat(items).isEqualTo(c < expected.size() ? expected.get(c).get("items") : List.of());
			assertThat(rels).hasSizeLessThanOrEqualTo(EstateUpload.MAX_RELATIONSHIPS);
			items.forEach(item -> chunkOf.put(item.get("ref"), chunkOf.size() / SnapshotPoster.CHUNK));
			for (Map<String, Object> r : rels) {
				int home = chunkOf.get(r.get("from"));
				assertThat(home == c || (c >= expected.size() && home < c)).as(r + " in chunk " + c).isTrue();
				later += home < c ? 1 : 0;
				sentEdges.add(r.toString());
			}
		}
		expected.forEach(c -> ((List<Map<String, Object>>) c.get("relationships")).forEach(r -> expectedEdges.add(r.toString())));
		assertThat(sentEdges).containsExactlyInAnyOrderElementsOf(expectedEdges);
		assertThat(later).isPositive().isLessThan(refs.edges() / 100);
	}

	@Test
	void shapeMatchesTheTier() {
		var e = EstateGenerator.generate(100_000, 42);
		assertThat(e.cis()).hasSizeBetween(99_000, 101_000);
		assertThat(e.edges().size()).isGreaterThan(250_000);
		assertThat(new HashSet<>(e.cis().stream().map(EstateGenerator.Ci::ref).toList())).hasSize(e.cis().size());
		// the supernode: the core switch a quarter of all VMs need
		long onSupernode = e.edges().stream().filter(x -> x.to().equals(e.supernodeRef())).count();
		assertThat(onSupernode).isGreaterThanOrEqualTo(5_000);
		Map<String, Integer> classes = new HashMap<>();
		e.cis().forEach(c -> classes.merge(c.className(), 1, Integer::sum));
		assertThat(classes).containsKeys("BusinessService", "ApplicationService", "Application", "DatabaseInstance",
				"VirtualMachine", "Pod", "Hypervisor", "KubernetesNode", "StorageVolume", "RedundancyGroup", "LoadBalancer");
	}

	@Test
	void theAccuracyEstateKnowsTheTruthOfEveryRecord() {
		var acc = AccuracyEstate.generate(2_000, 42, Instant.parse("2026-11-27T00:00:00Z"));
		assertThat(acc.snapshots()).hasSize(5);
		int items = acc.snapshots().stream().mapToInt(s -> s.items().size()).sum();
		assertThat(acc.records()).hasSize(items);
		assertThat(acc.records().stream().filter(r -> r.truth() >= 2_000)).isNotEmpty(); // the rebuilt-machine traps
		assertThat(acc.expectedOs()).hasSizeGreaterThan(1_800);
	}

}
