package org.fedcmdb.impact;

import java.util.List;

import org.neo4j.graphdb.Direction;

/**
 * The graph an {@link ImpactExpansion} walks, by the database's internal node ids: now through the kernel's cursors
 * ({@link KernelGraph}), or as of an instant through the core API ({@link InDatabaseAsOf}).
 */
interface ImpactGraph extends AutoCloseable {

	/** A relationship from a node: the node at its other end and its type (a closed one's former type). */
	record Hop(long node, String type) {
	}

	/** The node's relationships of these types in that direction, those valid at the graph's instant. */
	List<Hop> hops(long node, Direction direction, String[] types);

	/** Whether the node is a CI at the graph's instant. */
	boolean exists(long node);

	/** Whether the node is a CI at the graph's instant and not RETIRED then: a redundancy group's live member. */
	boolean live(long node);

	/** What a traversal reads of a CI, at the graph's instant. */
	InDatabaseAsOf.Fields fields(long node);

	/** Whether the node may be a redundancy group: it has the group's label, or it is a merged CI's kept node. */
	boolean mayBeGroup(long node, String groupLabel);

	@Override
	void close();

}
