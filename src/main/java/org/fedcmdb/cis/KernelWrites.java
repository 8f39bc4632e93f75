package org.fedcmdb.cis;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.collections.api.map.primitive.MutableIntObjectMap;
import org.eclipse.collections.api.set.primitive.IntSet;
import org.eclipse.collections.impl.factory.primitive.IntObjectMaps;
import org.eclipse.collections.impl.factory.primitive.IntSets;
import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.ConstraintViolationException;
import org.neo4j.internal.kernel.api.InternalIndexState;
import org.neo4j.internal.kernel.api.NodeValueIndexCursor;
import org.neo4j.internal.kernel.api.PropertyIndexQuery;
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.kernel.api.TokenWrite;
import org.neo4j.internal.kernel.api.Write;
import org.neo4j.internal.kernel.api.exceptions.schema.ConstraintValidationException;
import org.neo4j.internal.schema.IndexDescriptor;
import org.neo4j.internal.schema.SchemaDescriptors;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.util.ValueUtils;
import org.neo4j.values.storable.Value;
import org.neo4j.values.storable.Values;

/**
 * {@code ingest-create-cis} through the embedded database's kernel API, in the transaction the batch's Cypher runs
 * in: each new CI with its labels and properties, its sources' assertions ({@code ASSERTS}) and the identity keys that
 * identify it ({@code MERGE} on the key's unique index, then {@code IDENTIFIES}). The same records, locks and
 * constraint checks as the Cypher; what it leaves out is the Cypher runtime around them (its slotted pipes, the
 * conversion of every row's parameter maps into Cypher values and back to storable ones), which the first ingest's
 * profile put at about a tenth of the worker's time. Written by hand because the database has no bulk API for a
 * transaction that also runs Cypher; against an external server, or when the identity keys' unique index is not
 * online, the Cypher statement is used ({@link #createCis} says which).
 */
final class KernelWrites {

	private final Write write;

	private final Read read;

	private final TokenWrite tokens;

	private final Map<String, Integer> propertyKeys = new HashMap<>();

	private final Map<List<String>, int[]> labelSets = new HashMap<>();

	private KernelWrites(KernelTransaction ktx) throws KernelException {
		this.write = ktx.dataWrite();
		this.read = ktx.dataRead();
		this.tokens = ktx.tokenWrite();
	}

	/**
	 * Creates {@code rows} as {@code ingest-create-cis} does; false (nothing written) when the identity keys' unique
	 * index is not online, for the caller to run the Cypher.
	 */
	static boolean createCis(KernelTransaction ktx, List<BatchRows.NewCi> rows) {
		if (rows.isEmpty()) {
			return true;
		}
		try {
			int idKey = ktx.tokenWrite().labelGetOrCreateForName("IdKey");
			int key = ktx.tokenWrite().propertyKeyGetOrCreateForName("key");
			IndexDescriptor keys = uniqueIndex(ktx, idKey, key);
			if (keys == null) {
				return false;
			}
			new KernelWrites(ktx).create(ktx, rows, keys, idKey, key);
			return true;
		}
		catch (ConstraintValidationException ex) {
			throw new ConstraintViolationException(ex.getUserMessage(ktx.tokenRead()), ex);
		}
		catch (KernelException ex) {
			throw new IllegalStateException("cannot create " + rows.size() + " CIs", ex);
		}
	}

	private static IndexDescriptor uniqueIndex(KernelTransaction ktx, int label, int property) {
		Iterator<IndexDescriptor> indexes = ktx.schemaRead().index(SchemaDescriptors.forLabel(label, property));
		while (indexes.hasNext()) {
			IndexDescriptor index = indexes.next();
			try {
				if (index.isUnique() && ktx.schemaRead().indexGetState(index) == InternalIndexState.ONLINE) {
					return index;
				}
			}
			catch (KernelException ex) {
				return null; // dropped meanwhile: the Cypher plans around it
			}
		}
		return null;
	}

	private void create(KernelTransaction ktx, List<BatchRows.NewCi> rows, IndexDescriptor keys, int idKey, int key)
			throws KernelException {
		int[] assertionLabel = { tokens.labelGetOrCreateForName("Assertion") };
		int[] idKeyLabel = { idKey };
		int asserts = tokens.relationshipTypeGetOrCreateForName("ASSERTS");
		int identifies = tokens.relationshipTypeGetOrCreateForName("IDENTIFIES");
		IntSet none = IntSets.immutable.empty();
		// kind by kind, as the statement's plan does (its Eager before the subqueries): the CIs first, then their
		// assertions, then their keys, so that nodes of a kind take consecutive ids
		long[] cis = new long[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			BatchRows.NewCi row = rows.get(i);
			cis[i] = write.nodeCreateWithLabels(labels(row.labels()));
			MutableIntObjectMap<Value> props = properties(row.props());
			props.put(propertyKey("id"), Values.stringValue(row.id()));
			write.nodeApplyChanges(cis[i], none, none, props);
		}
		for (int i = 0; i < rows.size(); i++) {
			for (Map<String, Object> assertion : rows.get(i).assertions()) {
				long a = write.nodeCreateWithLabels(assertionLabel);
				write.nodeApplyChanges(a, none, none, properties(assertion));
				write.relationshipCreate(a, asserts, cis[i]);
			}
		}
		try (NodeValueIndexCursor seek = ktx.cursors().allocateNodeValueIndexCursor(ktx.cursorContext(),
				ktx.memoryTracker())) {
			for (int i = 0; i < rows.size(); i++) {
				for (String k : rows.get(i).keys()) {
					Value value = Values.stringValue(k);
					long node = read.lockingNodeUniqueIndexSeek(keys, seek, PropertyIndexQuery.exact(key, value));
					if (node == org.neo4j.kernel.api.StatementConstants.NO_SUCH_NODE) {
						node = write.nodeCreateWithLabels(idKeyLabel);
						write.nodeSetProperty(node, key, value);
					}
					write.relationshipCreate(node, identifies, cis[i]);
				}
			}
		}
	}

	private int[] labels(List<String> names) throws KernelException {
		int[] ids = labelSets.get(names);
		if (ids == null) {
			ids = new int[names.size()];
			tokens.labelGetOrCreateForNames(names.toArray(String[]::new), ids);
			labelSets.put(List.copyOf(names), ids);
		}
		return ids;
	}

	/** A property map as {@code SET n += map} stores it on a new node: null values are not stored. */
	private MutableIntObjectMap<Value> properties(Map<String, Object> map) throws KernelException {
		MutableIntObjectMap<Value> out = IntObjectMaps.mutable.withInitialCapacity(map.size() + 1);
		for (Map.Entry<String, Object> e : map.entrySet()) {
			if (e.getValue() != null) {
				out.put(propertyKey(e.getKey()), storable(e.getValue()));
			}
		}
		return out;
	}

	private int propertyKey(String name) throws KernelException {
		Integer id = propertyKeys.get(name);
		if (id == null) {
			id = tokens.propertyKeyGetOrCreateForName(name);
			propertyKeys.put(name, id);
		}
		return id;
	}

	/** As Cypher stores a parameter: a list as an array of its element type, anything else as its value. */
	static Value storable(Object value) {
		if (value instanceof String s) {
			return Values.stringValue(s);
		}
		if (value instanceof List<?> list) {
			return ValueUtils.asListValue(list).toStorableArray();
		}
		return Values.of(value);
	}

}
