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
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.kernel.api.TokenWrite;
import org.neo4j.internal.kernel.api.Write;
import org.neo4j.internal.schema.IndexDescriptor;
import org.neo4j.internal.schema.SchemaDescriptors;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.storageengine.api.PropertySelection;
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
	}

	/**
	 * Creates {@code edges} as {@code ingest-create-edges} does and returns what it returns for the created ones, in
	 * order; null (nothing written) when the CIs' id index is not online, for the caller to run the Cypher.
	 */
	static List<Created> create(KernelTransaction ktx, List<EdgeWriter.EdgeWrite> edges) {
		try {
			int ci = ktx.tokenWrite().labelGetOrCreateForName("CI");
			int id = ktx.tokenWrite().propertyKeyGetOrCreateForName("id");
			IndexDescriptor index = onlineIndex(ktx, ci, id);
			if (index == null) {
				return null;
			}
			try (KernelEdgeWrites writes = new KernelEdgeWrites(ktx, index, id)) {
				return writes.create(edges);
			}
		}
		catch (KernelException ex) {
			throw new IllegalStateException("cannot create " + edges.size() + " edges", ex);
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

	private List<Created> create(List<EdgeWriter.EdgeWrite> edges) throws KernelException {
		int sources = tokens.propertyKeyGetOrCreateForName("sources");
		int since = tokens.propertyKeyGetOrCreateForName("since");
		int[] change = { tokens.labelGetOrCreateForName("Change") };
		String[] changeKeys = { "id", "ciId", "at", "source", "snapshotId", "kind", "field", "newValue", "detail" };
		int[] changeTokens = new int[changeKeys.length];
		tokens.propertyKeyGetOrCreateForNames(changeKeys, changeTokens);
		IntSet none = IntSets.immutable.empty();
		List<Created> created = new ArrayList<>();
		for (int i = 0; i < edges.size(); i++) {
			EdgeWriter.EdgeWrite e = edges.get(i);
			long a = find(e.from());
			long b = a < 0 ? -1 : find(e.to());
			if (b < 0) {
				continue;
			}
			String[] from = ends(a);
			String[] to = ends(b);
			long rel = write.relationshipCreate(a, tokens.relationshipTypeGetOrCreateForName(e.type()), b);
			MutableIntObjectMap<Value> props = IntObjectMaps.mutable.withInitialCapacity(2);
			props.put(sources, Values.stringArray(e.source()));
			props.put(since, Values.longValue(e.now()));
			write.relationshipApplyChanges(rel, props);
			if (e.history() && !e.snapshotId().equals(from[3])) {
				Object[] values = { UUID.randomUUID().toString(), from[0], e.now(), e.source(), e.snapshotId(),
						"RELATIONSHIP_ADDED", e.type(), '"' + to[0] + '"',
						to[1] == null ? null : to[1] + " " + (to[2] == null ? "" : to[2]) };
				MutableIntObjectMap<Value> history = IntObjectMaps.mutable.withInitialCapacity(values.length);
				for (int k = 0; k < values.length; k++) {
					if (values[k] != null) {
						history.put(changeTokens[k], Values.of(values[k]));
					}
				}
				write.nodeApplyChanges(write.nodeCreateWithLabels(change), none, none, history);
			}
			created.add(new Created(i, Arrays.asList(from[0], from[1], from[2], to[0], to[1], to[2])));
		}
		return created;
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
	}

}
