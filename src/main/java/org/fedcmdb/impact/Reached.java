package org.fedcmdb.impact;

import java.util.List;
import java.util.Map;

/**
 * What a traversal reached, before states and ranking: the start CIs found, every reached CI with its depth and the
 * CI it was reached from, the edges among them, the redundancy groups' live members, and why it stopped early if it
 * did (LIMIT, TIME, DEPTH; null when it did not).
 */
record Reached(List<String> startIds, Map<String, Reached.Ci> visited, List<ImpactStates.Edge> edges,
		Map<String, ImpactStates.Group> groups, String truncatedBy) {

	record Ci(String id, String className, String name, String status, Integer criticality, int depth, String parent) {
	}

}
