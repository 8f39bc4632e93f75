package org.fedcmdb.impact;

import java.util.List;

/**
 * @param direction UPSTREAM (what breaks) or DOWNSTREAM (what the CIs need)
 * @param maxDepth null: as deep as the graph goes (bounded by {@code limit} and the time limit)
 * @param types relationship types to follow; MEMBER_OF included means redundancy groups are traversed
 * @param asOf epoch milliseconds: the graph as it was at that instant; null: now
 */
public record ImpactQuery(List<String> ciIds, Direction direction, Integer maxDepth, List<String> types,
		boolean includeRetired, int limit, Long asOf) {

	public ImpactQuery(List<String> ciIds, Direction direction, Integer maxDepth, List<String> types,
			boolean includeRetired, int limit) {
		this(ciIds, direction, maxDepth, types, includeRetired, limit, null);
	}

	public enum Direction {
		UPSTREAM, DOWNSTREAM
	}

}
