package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A chunk's refs numbered: its items' first, then the other refs its relationships name, in order of first use. */
class RefSlotsTests {

	static SnapshotModel.Item item(int index, String ref) {
		return new SnapshotModel.Item(index, ref, "Server", Map.of("name", ref), Map.of(), "h" + index);
	}

	static SnapshotModel.Endpoint ref(String ref) {
		return new SnapshotModel.Endpoint(ref, null, null);
	}

	@Test
	void itemsComeFirstThenTheRefsOfOtherChunksInOrderOfFirstUse() {
		List<SnapshotModel.Item> items = List.of(item(0, "a"), item(2, "b")); // index 1 was refused by the parser
		SnapshotModel.Endpoint lookUp = new SnapshotModel.Endpoint(null, "Server", Map.of("name", "x"));
		List<SnapshotModel.Relationship> rels = List.of(
				new SnapshotModel.Relationship(0, "RUNS_ON", ref("a"), ref("earlier")),
				new SnapshotModel.Relationship(1, "DEPENDS_ON", ref("b"), lookUp),
				new SnapshotModel.Relationship(2, "DEPENDS_ON", ref("later"), ref("a")),
				new SnapshotModel.Relationship(3, "DEPENDS_ON", ref("earlier"), ref("b")));
		RefSlots slots = RefSlots.of(items, rels);
		assertThat(slots.items).isEqualTo(2);
		assertThat(slots.refs).containsExactly("a", "b", "earlier", "later");
		assertThat(slots.from).containsExactly(0, 1, 3, 2);
		assertThat(slots.to).containsExactly(2, -1, 0, 1);
		assertThat(slots.ciBySlot(Map.of("a", "ci-a", "earlier", "ci-e"))).containsExactly("ci-a", null, "ci-e", null);
	}

	@Test
	void aChunkNumbersItsRefsWhenItIsMade() {
		SnapshotModel.Chunk chunk = new SnapshotModel.Chunk(List.of(item(0, "a")),
				List.of(new SnapshotModel.Relationship(0, "RUNS_ON", ref("a"), ref("h"))), List.of(), List.of());
		assertThat(chunk.slots().refs).containsExactly("a", "h");
		SnapshotModel.Chunk empty = new SnapshotModel.Chunk(List.of(), List.of(), List.of(), List.of());
		assertThat(empty.slots().refs).isEmpty();
		assertThat(empty.slots().from).isEmpty();
	}

}
