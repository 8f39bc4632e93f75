package org.fedcmdb.impact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.NodeCursor;
import org.neo4j.internal.kernel.api.PropertyCursor;
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.kernel.api.RelationshipTraversalCursor;
import org.neo4j.internal.kernel.api.TokenRead;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.storageengine.api.PropertySelection;
import org.neo4j.storageengine.api.RelationshipSelection;
import org.neo4j.token.api.TokenConstants;

/**
 * The graph now, read through the kernel's cursors (the API Neo4j's own procedures and APOC read with): label, type
 * and property-key tokens resolved once per search, three cursors reused for every node, and a CI's six fields read in
 * one pass over its property chain. The core API ({@link InDatabaseAsOf}) allocates an entity per node and
 * relationship and resolves each key's token per read, which was a sixth of the traversal's time in the benchmark's
 * profile. Internal API: the plugin is built for the server version it runs in (as any procedure jar is).
 */
final class KernelGraph implements ImpactGraph {

	private static final String[] KEYS = { "id", "class", "name", "status", "criticality", "minHealthy" };

	private final Read read;

	private final TokenRead tokens;

	private final NodeCursor nodes;

	private final RelationshipTraversalCursor relationships;

	private final PropertyCursor properties;

	private final int ci;

	private final int merged;

	private final int[] keyIds = new int[KEYS.length];

	private final PropertySelection selection;

	private final int status;

	private final PropertySelection statusOnly;

	private final Map<String, Integer> groupLabels = new HashMap<>();

	private final Map<List<String>, int[]> typeIds = new HashMap<>();

	private final Map<Integer, String> typeNames = new HashMap<>();

	private final Map<Long, InDatabaseAsOf.Fields> fields = new HashMap<>();

	KernelGraph(Transaction tx) {
		KernelTransaction ktx = ((InternalTransaction) tx).kernelTransaction();
		this.read = ktx.dataRead();
		this.tokens = ktx.tokenRead();
		this.nodes = ktx.cursors().allocateNodeCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.relationships = ktx.cursors().allocateRelationshipTraversalCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.properties = ktx.cursors().allocatePropertyCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.ci = tokens.nodeLabel(InDatabaseAsOf.CI.name());
		this.merged = tokens.nodeLabel(InDatabaseAsOf.MERGED.name());
		for (int i = 0; i < KEYS.length; i++) {
			keyIds[i] = tokens.propertyKey(KEYS[i]);
		}
		this.status = tokens.propertyKey("status");
		this.statusOnly = PropertySelection.selection(status);
		this.selection = PropertySelection.selection(java.util.Arrays.stream(keyIds).filter(k -> k != TokenConstants.NO_TOKEN).toArray());
	}

	/** Positions the node cursor on the node; false when it does not exist (any more). */
	private boolean at(long node) {
		read.singleNode(node, nodes);
		return nodes.next();
	}

	@Override
	public List<Hop> hops(long node, Direction direction, String[] types) {
		int[] ids = typeIds.computeIfAbsent(List.of(types), t -> t.stream().mapToInt(tokens::relationshipType)
			.filter(id -> id != TokenConstants.NO_TOKEN).toArray());
		List<Hop> out = new ArrayList<>();
		if (ids.length == 0 || !at(node)) {
			return out;
		}
		nodes.relationships(relationships, RelationshipSelection.selection(ids, direction));
		while (relationships.next()) {
			out.add(new Hop(relationships.otherNodeReference(), typeName(relationships.type())));
		}
		return out;
	}

	private String typeName(int type) {
		return typeNames.computeIfAbsent(type, t -> {
			try {
				return tokens.relationshipTypeName(t);
			}
			catch (KernelException ex) {
				throw new IllegalStateException("relationship type " + t + " has no name", ex);
			}
		});
	}

	@Override
	public boolean exists(long node) {
		return ci != TokenConstants.NO_TOKEN && at(node) && nodes.hasLabel(ci);
	}

	@Override
	public InDatabaseAsOf.Fields fields(long node) {
		InDatabaseAsOf.Fields known = fields.get(node);
		if (known == null) {
			known = load(node);
			fields.put(node, known);
		}
		return known;
	}

	private InDatabaseAsOf.Fields load(long node) {
		Object[] values = new Object[KEYS.length];
		if (at(node)) {
			nodes.properties(properties, selection);
			while (properties.next()) {
				int key = properties.propertyKey();
				for (int i = 0; i < keyIds.length; i++) {
					if (keyIds[i] == key) {
						values[i] = properties.propertyValue().asObjectCopy();
					}
				}
			}
		}
		return new InDatabaseAsOf.Fields((String) values[0], (String) values[1],
				values[2] instanceof String s ? s : null, (String) values[3], number(values[4]), number(values[5]));
	}

	private static Long number(Object o) {
		return o instanceof Number n ? n.longValue() : null;
	}

	/**
	 * A member of a reached group is mostly not reached itself: only its status is read (one key decoded, not six),
	 * unless its fields are already known.
	 */
	@Override
	public boolean live(long node) {
		InDatabaseAsOf.Fields known = fields.get(node);
		if (known != null) {
			return !"RETIRED".equals(known.status());
		}
		if (!exists(node)) {
			return false;
		}
		if (status == TokenConstants.NO_TOKEN) {
			return true;
		}
		nodes.properties(properties, statusOnly);
		return !(properties.next() && "RETIRED".equals(properties.propertyValue().asObjectCopy()));
	}

	@Override
	public boolean mayBeGroup(long node, String groupLabel) {
		int group = groupLabels.computeIfAbsent(groupLabel, tokens::nodeLabel);
		return at(node) && (group != TokenConstants.NO_TOKEN && nodes.hasLabel(group)
				|| merged != TokenConstants.NO_TOKEN && nodes.hasLabel(merged));
	}

	@Override
	public void close() {
		nodes.close();
		relationships.close();
		properties.close();
	}

}
