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

	/** On random small graphs: two nodes share a component exactly when each reaches the other. */
	@Test
	void componentsAreTheMutuallyReachableNodes() {
		java.util.Random rnd = new java.util.Random(11);
		int withCycles = 0;
		for (int round = 0; round < 300; round++) {
			int n = 2 + rnd.nextInt(9);
			Map<String, List<String>> out = new HashMap<>();
			boolean[][] reach = new boolean[n][n];
			for (int e = rnd.nextInt(2 * n); e > 0; e--) {
				int a = rnd.nextInt(n);
				int b = rnd.nextInt(n);
				if (a != b) {
					out.computeIfAbsent("n" + a, k -> new ArrayList<>()).add("n" + b);
					reach[a][b] = true;
				}
			}
			for (int k = 0; k < n; k++) { // Floyd-Warshall closure
				for (int i = 0; i < n; i++) {
					for (int j = 0; j < n; j++) {
						reach[i][j] |= reach[i][k] && reach[k][j];
					}
				}
			}
			Map<String, Integer> c = StronglyConnected.components(out);
			withCycles += c.isEmpty() ? 0 : 1;
			for (int i = 0; i < n; i++) {
				boolean onCycle = false;
				for (int j = 0; j < n; j++) {
					boolean together = i != j && reach[i][j] && reach[j][i];
					onCycle |= together;
					if (together) {
						assertThat(c.get("n" + i)).as("%s: n%d and n%d", out, i, j).isNotNull().isEqualTo(c.get("n" + j));
					}
					else if (i != j && c.get("n" + i) != null) {
						assertThat(c.get("n" + i)).as("%s: n%d and n%d", out, i, j).isNotEqualTo(c.get("n" + j));
					}
				}
				assertThat(c.containsKey("n" + i)).as("%s: n%d", out, i).isEqualTo(onCycle);
			}
		}
		assertThat(withCycles).as("graphs with and without cycles occur").isBetween(30, 270);
	}

}
