package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StronglyConnectedTests {

	@Test
	void onlyNodesOnACycleGetAComponent() {
		Map<String, List<String>> out = Map.of("a", List.of("b"), "b", List.of("c", "d"), "c", List.of("a"), "d",
				List.of("e"), "e", List.of("d"), "f", List.of("a"));
		Map<String, Integer> c = StronglyConnected.components(out);
		assertThat(c.keySet()).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
		assertThat(c.get("a")).isEqualTo(c.get("b")).isEqualTo(c.get("c"));
		assertThat(c.get("d")).isEqualTo(c.get("e")).isNotEqualTo(c.get("a"));
	}

	@Test
	void aDiamondIsNoCycle() {
		assertThat(StronglyConnected.components(Map.of("a", List.of("b", "c"), "b", List.of("d"), "c", List.of("d"))))
			.isEmpty();
	}

	@Test
	void aLongChainClosedAtTheEndDoesNotOverflowTheStack() {
		Map<String, List<String>> out = new HashMap<>();
		int n = 200_000;
		for (int i = 0; i < n; i++) {
			out.put("n" + i, new ArrayList<>(List.of("n" + (i + 1))));
		}
		out.put("n" + n, List.of("n0"));
		assertThat(StronglyConnected.components(out)).hasSize(n + 1);
	}

}
