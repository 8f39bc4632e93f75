package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import org.eclipse.collections.api.map.primitive.MutableIntObjectMap;
import org.eclipse.collections.api.set.primitive.IntSet;
import org.eclipse.collections.impl.factory.primitive.IntObjectMaps;
import org.eclipse.collections.impl.factory.primitive.IntSets;
import org.neo4j.exceptions.KernelException;
import org.neo4j.internal.kernel.api.IndexQueryConstraints;
import org.neo4j.internal.kernel.api.IndexReadSession;
import org.neo4j.internal.kernel.api.InternalIndexState;
import org.neo4j.internal.kernel.api.NodeCursor;
import org.neo4j.internal.kernel.api.NodeValueIndexCursor;
import org.neo4j.internal.kernel.api.PropertyCursor;
import org.neo4j.internal.kernel.api.PropertyIndexQuery;
import org.neo4j.internal.kernel.api.RelationshipTraversalCursor;
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.kernel.api.TokenWrite;
import org.neo4j.internal.kernel.api.Write;
import org.neo4j.internal.schema.IndexDescriptor;
import org.neo4j.internal.schema.SchemaDescriptors;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.graphdb.Direction;
import org.neo4j.storageengine.api.PropertySelection;
import org.neo4j.storageengine.api.RelationshipSelection;
import org.neo4j.values.storable.TextArray;
import org.neo4j.values.storable.Value;
import org.neo4j.values.storable.Values;

/**
 * {@code ingest-create-edges} through the embedded database's kernel API (as {@link KernelWrites} for the CIs): each
 * edge whose dependent CI was created in this chunk, between the two CIs found by id, with its source and time, a
 * history entry where the statement writes one, and for each the row its event is made of. An edge whose end is not
 * a CI is not created, as the statement's MATCH makes none.
 */
final class KernelEdgeWrites implements AutoCloseable {

	/** What {@code ingest-create-edges} returns per created edge: its position and both ends' id, class and name. */
	record Created(long idx, List<String> row) {
	}

	private static final String[] END_KEYS = { "id", "class", "name", "createdIn" };

	private static final String[] CHANGE_KEYS = { "id", "ciId", "at", "source", "snapshotId", "kind", "field",
			"newValue", "detail" };

	private final KernelTransaction ktx;

	private final Read read;

	private final Write write;

	private final TokenWrite tokens;

	private final IndexReadSession ids;

	private final int idKey;

	private final int[] endKeys;

	private final PropertySelection endSelection;

	private final NodeValueIndexCursor seek;

	private final NodeCursor node;

	private final PropertyCursor properties;

	private final RelationshipTraversalCursor edges;

	private final int[] change = new int[1];

	private final int[] changeTokens = new int[CHANGE_KEYS.length];

	private KernelEdgeWrites(KernelTransaction ktx, IndexDescriptor index, int idKey) throws KernelException {
		this.ktx = ktx;
		this.read = ktx.dataRead();
		this.write = ktx.dataWrite();
		this.tokens = ktx.tokenWrite();
		this.ids = read.indexReadSession(index);
		this.idKey = idKey;
		this.endKeys = new int[END_KEYS.length];
		tokens.propertyKeyGetOrCreateForNames(END_KEYS, endKeys);
		this.endSelection = PropertySelection.selection(endKeys);
		var cursors = ktx.cursors();
		this.seek = cursors.allocateNodeValueIndexCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.node = cursors.allocateNodeCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.properties = cursors.allocatePropertyCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.edges = cursors.allocateRelationshipTraversalCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.change[0] = tokens.labelGetOrCreateForName("Change");
		tokens.propertyKeyGetOrCreateForNames(CHANGE_KEYS, changeTokens);
	}

	/**
	 * Creates {@code edges} as {@code ingest-create-edges} does and returns what it returns for the created ones, in
	 * order; null (nothing written) when the CIs' id index is not online, for the caller to run the Cypher.
	 */
	static List<Created> create(KernelTransaction ktx, List<EdgeWriter.EdgeWrite> edges) {
		return write(ktx, edges, false);
	}

	/**
	 * Asserts {@code edges} as {@code ingest-merge-edges} does: an edge of the type between the two CIs that exists
	 * gains the source if it lacks it (and is not returned), one that does not is created with its history entry
	 * unless the snapshot created the dependent CI; both CIs are locked first, as the statement's MERGE locks them.
	 */
	static List<Created> merge(KernelTransaction ktx, List<EdgeWriter.EdgeWrite> edges) {
		return write(ktx, edges, true);
	}

	private static List<Created> write(KernelTransaction ktx, List<EdgeWriter.EdgeWrite> edges, boolean merge) {
		try {
			int ci = ktx.tokenWrite().labelGetOrCreateForName("CI");
			int id = ktx.tokenWrite().propertyKeyGetOrCreateForName("id");
			IndexDescriptor index = onlineIndex(ktx, ci, id);
			if (index == null) {
				return null;
			}
			try (KernelEdgeWrites writes = new KernelEdgeWrites(ktx, index, id)) {
				return writes.write(edges, merge);
			}
		}
		catch (KernelException ex) {
			throw new IllegalStateException("cannot write " + edges.size() + " edges", ex);
		}
	}

	private static IndexDescriptor onlineIndex(KernelTransaction ktx, int label, int property) throws KernelException {
		Iterator<IndexDescriptor> indexes = ktx.schemaRead().index(SchemaDescriptors.forLabel(label, property));
		while (indexes.hasNext()) {
			IndexDescriptor index = indexes.next();
			if (ktx.schemaRead().indexGetState(index) == InternalIndexState.ONLINE) {
				return index;
			}
		}
		return null;
	}

	private List<Created> write(List<EdgeWriter.EdgeWrite> edges, boolean merge) throws KernelException {
		int sources = tokens.propertyKeyGetOrCreateForName("sources");
		int since = tokens.propertyKeyGetOrCreateForName("since");
		List<Created> created = new ArrayList<>();
		for (int i = 0; i < edges.size(); i++) {
			EdgeWriter.EdgeWrite e = edges.get(i);
			long a = find(e.from());
			long b = a < 0 ? -1 : find(e.to());
			if (b < 0) {
				continue;
			}
			int type = tokens.relationshipTypeGetOrCreateForName(e.type());
			if (merge) {
				ktx.locks().acquireExclusiveNodeLock(Math.min(a, b), Math.max(a, b));
				if (asserted(a, type, b, sources, e.source())) {
					continue;
				}
			}
			String[] from = ends(a);
			String[] to = ends(b);
			long rel = write.relationshipCreate(a, type, b);
			MutableIntObjectMap<Value> props = IntObjectMaps.mutable.withInitialCapacity(2);
			props.put(sources, Values.stringArray(e.source()));
			props.put(since, Values.longValue(e.now()));
			write.relationshipApplyChanges(rel, props);
			// as the statements' NOT coalesce(a.createdIn = r.snapshotId, false): a null on either side writes one
			if ((merge || e.history()) && (e.snapshotId() == null || !e.snapshotId().equals(from[3]))) {
				history(e, from, to);
			}
			created.add(new Created(i, Arrays.asList(from[0], from[1], from[2], to[0], to[1], to[2])));
		}
		return created;
	}

	/**
	 * Whether an edge of the type from a to b exists; if it does and lacks the source, the source is added to its
	 * sources (as the statement's ON MATCH).
	 */
	private boolean asserted(long a, int type, long b, int sourcesKey, String source) throws KernelException {
		read.singleNode(a, node);
		if (!node.next()) {
			return false;
		}
		node.relationships(edges, RelationshipSelection.selection(type, Direction.OUTGOING));
		while (edges.next()) {
			if (edges.otherNodeReference() != b) {
				continue;
			}
			long rel = edges.relationshipReference();
			edges.properties(properties, PropertySelection.selection(sourcesKey));
			String[] current = properties.next() && properties.propertyValue() instanceof TextArray t
					? (String[]) t.asObjectCopy() : new String[0];
			if (!Arrays.asList(current).contains(source)) {
				String[] more = Arrays.copyOf(current, current.length + 1);
				more[current.length] = source;
				write.relationshipSetProperty(rel, sourcesKey, Values.stringArray(more));
			}
			return true;
		}
		return false;
	}

	/** The dependent CI's RELATIONSHIP_ADDED history entry, as the statements write it. */
	private void history(EdgeWriter.EdgeWrite e, String[] from, String[] to) throws KernelException {
		Object[] values = { UUID.randomUUID().toString(), from[0], e.now(), e.source(), e.snapshotId(),
				"RELATIONSHIP_ADDED", e.type(), '"' + to[0] + '"',
				to[1] == null ? null : to[1] + " " + (to[2] == null ? "" : to[2]) };
		MutableIntObjectMap<Value> history = IntObjectMaps.mutable.withInitialCapacity(values.length);
		for (int k = 0; k < values.length; k++) {
			if (values[k] != null) {
				history.put(changeTokens[k], Values.of(values[k]));
			}
		}
		IntSet none = IntSets.immutable.empty();
		write.nodeApplyChanges(write.nodeCreateWithLabels(change), none, none, history);
	}

	/** The node of the CI with this id, or -1. */
	private long find(String id) throws KernelException {
		read.nodeIndexSeek(ktx.queryContext(), ids, seek, IndexQueryConstraints.unconstrained(),
				PropertyIndexQuery.exact(idKey, Values.stringValue(id)));
		return seek.next() ? seek.nodeReference() : -1;
	}

	/** The CI's id, class, name and createdIn (null where absent). */
	private String[] ends(long reference) {
		String[] out = new String[END_KEYS.length];
		read.singleNode(reference, node);
		if (!node.next()) {
			return out;
		}
		node.properties(properties, endSelection);
		while (properties.next()) {
			int k = properties.propertyKey();
			for (int j = 0; j < endKeys.length; j++) {
				if (endKeys[j] == k && properties.propertyValue() instanceof org.neo4j.values.storable.TextValue t) {
					out[j] = t.stringValue();
				}
			}
		}
		return out;
	}

	@Override
	public void close() {
		seek.close();
		node.close();
		properties.close();
		edges.close();
	}

}
