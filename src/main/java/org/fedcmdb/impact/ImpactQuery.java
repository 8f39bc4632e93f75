package org.fedcmdb.impact;

import java.util.List;

/**
 * @param direction UPSTREAM (what breaks) or DOWNSTREAM (what the CIs need)
 * @param maxDepth null: as deep as the graph goes (bounded by {@code limit} and the time limit)
 * @param types relationship types to follow; MEMBER_OF included means redundancy groups are traversed
 */
public record ImpactQuery(List<String> ciIds, Direction direction, Integer maxDepth, List<String> types,
		boolean includeRetired, int limit) {

	public enum Direction {
		UPSTREAM, DOWNSTREAM
	}

}
