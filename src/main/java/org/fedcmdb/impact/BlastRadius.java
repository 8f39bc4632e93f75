package org.fedcmdb.impact;

import java.util.List;
import java.util.Map;

/**
 * The result of an impact traversal.
 *
 * @param impacted every CI reached (not the start CIs), nearest first
 * @param services impacted CIs of the catalogue's service classes (start CIs included), most critical first
 * @param truncated a limit (count, depth or time) cut the traversal short
 */
public record BlastRadius(List<String> startIds, List<Impacted> impacted, List<Impacted> services,
		Map<String, Integer> countsByClass, boolean truncated, String truncatedBy) {

	/** One impacted CI; {@code path} runs from it back to the start CI it was reached from. */
	public record Impacted(String ciId, String className, String name, String status, Integer criticality, int depth,
			List<String> path,
			ImpactState state, boolean service) {
	}

}
