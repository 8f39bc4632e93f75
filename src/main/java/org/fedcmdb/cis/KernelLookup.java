package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.Direction;
import org.neo4j.internal.kernel.api.IndexQueryConstraints;
import org.neo4j.internal.kernel.api.IndexReadSession;
import org.neo4j.internal.kernel.api.InternalIndexState;
import org.neo4j.internal.kernel.api.NodeCursor;
import org.neo4j.internal.kernel.api.NodeValueIndexCursor;
import org.neo4j.internal.kernel.api.PropertyCursor;
import org.neo4j.internal.kernel.api.PropertyIndexQuery;
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.kernel.api.RelationshipTraversalCursor;
import org.neo4j.internal.kernel.api.TokenRead;
import org.neo4j.internal.schema.IndexDescriptor;
import org.neo4j.internal.schema.SchemaDescriptors;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.storageengine.api.RelationshipSelection;
import org.neo4j.token.api.TokenConstants;

/**
 * The identification look-up ({@code ingest-lookup-keys}) through the kernel's cursors, the API {@code KernelGraph}
 * and the withdrawal's count read with: tokens resolved and the identity keys' index found once per chunk, the
 * cursors reused for every key, each CI's and assertion's fields read in one pass over their property chains. The
 * database's own API ({@code tx.findNode}, {@code getProperties}) looked the index and each property's token up
 * again for every key and allocated an entity per node and relationship and a map per read: the look-up was the
 * largest step of an unchanged re-send's chunks.
 */
final class KernelLookup implements AutoCloseable {

	private static final String[] CI_KEYS = { "id", "class", "firstSeen", "scope", "identifiers", "distinctFrom",
			"status" };

	private static final String[] ASSERTION_KEYS = { "source", "withdrawnAt", "hash", "ref", "scope", "stale" };

	private final KernelTransaction ktx;

	private final Read read;

	private final IndexReadSession keys;

	private final int keyProperty;

	private final int ciLabel;

	private final int identifies;

	private final int asserts;

	private final NodeFields ciFields;

	private final NodeFields assertionFields;

	private final NodeValueIndexCursor seek;

	private final NodeCursor keyNode;

	private final NodeCursor ciNode;

	private final NodeCursor assertionNode;

	private final RelationshipTraversalCursor identified;

	private final RelationshipTraversalCursor asserted;

	private final PropertyCursor properties;

	private KernelLookup(KernelTransaction ktx, IndexDescriptor index, int keyProperty, int ciLabel, int identifies,
			int asserts) throws KernelException {
		this.ktx = ktx;
		this.read = ktx.dataRead();
		this.keys = read.indexReadSession(index);
		this.keyProperty = keyProperty;
		this.ciLabel = ciLabel;
		this.identifies = identifies;
		this.asserts = asserts;
		TokenRead tokens = ktx.tokenRead();
		this.ciFields = new NodeFields(tokens, CI_KEYS);
		this.assertionFields = new NodeFields(tokens, ASSERTION_KEYS);
		var cursors = ktx.cursors();
		this.seek = cursors.allocateNodeValueIndexCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.keyNode = cursors.allocateNodeCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.ciNode = cursors.allocateNodeCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.assertionNode = cursors.allocateNodeCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.identified = cursors.allocateRelationshipTraversalCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.asserted = cursors.allocateRelationshipTraversalCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.properties = cursors.allocatePropertyCursor(ktx.cursorContext(), ktx.memoryTracker());
	}

	/**
	 * As {@code ingest-lookup-keys}: per key, each CI it identifies, with the source's live assertion's fields; null
	 * when the identity keys' index is not online (the caller asks Cypher, which plans around it).
	 */
	static List<GraphStore.CandidateRow> lookup(KernelTransaction ktx, Collection<String> keyValues, String source)
			throws KernelException {
		TokenRead tokens = ktx.tokenRead();
		int idKey = tokens.nodeLabel("IdKey");
		int key = tokens.propertyKey("key");
		int ciLabel = tokens.nodeLabel("CI");
		int identifies = tokens.relationshipType("IDENTIFIES");
		if (idKey == TokenConstants.NO_TOKEN || key == TokenConstants.NO_TOKEN || ciLabel == TokenConstants.NO_TOKEN
				|| identifies == TokenConstants.NO_TOKEN) {
			return List.of(); // no identity key was ever written
		}
		Iterator<IndexDescriptor> indexes = ktx.schemaRead().index(SchemaDescriptors.forLabel(idKey, key));
		while (indexes.hasNext()) {
			IndexDescriptor index = indexes.next();
			if (ktx.schemaRead().indexGetState(index) == InternalIndexState.ONLINE) {
				try (KernelLookup lookup = new KernelLookup(ktx, index, key, ciLabel, identifies,
						tokens.relationshipType("ASSERTS"))) {
					return lookup.lookup(keyValues, source);
				}
			}
		}
		return null;
	}

	private List<GraphStore.CandidateRow> lookup(Collection<String> keyValues, String source) throws KernelException {
		List<GraphStore.CandidateRow> rows = new ArrayList<>();
		// a record's identity keys mostly name the same CI: its fields and the source's assertion read once
		LongObjectHashMap<GraphStore.CandidateRow> byCi = new LongObjectHashMap<>();
		RelationshipSelection outgoing = RelationshipSelection.selection(identifies, Direction.OUTGOING);
		for (String key : keyValues) {
			read.nodeIndexSeek(ktx.queryContext(), keys, seek, IndexQueryConstraints.unconstrained(),
					PropertyIndexQuery.exact(keyProperty, key));
			while (seek.next()) {
				read.singleNode(seek.nodeReference(), keyNode);
				if (!keyNode.next()) {
					continue;
				}
				keyNode.relationships(identified, outgoing);
				while (identified.next()) {
					long reference = identified.otherNodeReference();
					GraphStore.CandidateRow row = byCi.get(reference);
					if (row == null) {
						row = candidate(key, reference, source);
						if (row == null) {
							continue; // not a CI
						}
						byCi.put(reference, row);
					}
					rows.add(row.key().equals(key) ? row : row.forKey(key));
				}
			}
		}
		return rows;
	}

	/** The CI's fields and the source's live assertion's; null when the node is not a CI. */
	private GraphStore.CandidateRow candidate(String key, long reference, String source) {
		read.singleNode(reference, ciNode);
		if (!ciNode.next() || !ciNode.hasLabel(ciLabel)) {
			return null;
		}
		Object[] c = ciFields.read(ciNode, properties);
		Object[] a = liveAssertion(source);
		return new GraphStore.CandidateRow(key, (String) c[0], (String) c[1], number(c[2]),
				c[3] instanceof String s ? s : "-", (String) c[4], strings(c[5]),
				a == null ? null : (String) a[2], a == null ? null : (String) a[3], a == null ? null : (String) a[4],
				a != null && Boolean.TRUE.equals(a[5]), (String) c[6]);
	}

	/** The first assertion of the source on the CI that is not withdrawn (as the look-up's pattern comprehension). */
	private Object[] liveAssertion(String source) {
		if (asserts == TokenConstants.NO_TOKEN) {
			return null;
		}
		ciNode.relationships(asserted, RelationshipSelection.selection(asserts, Direction.INCOMING));
		while (asserted.next()) {
			read.singleNode(asserted.otherNodeReference(), assertionNode);
			if (!assertionNode.next()) {
				continue;
			}
			Object[] a = assertionFields.read(assertionNode, properties);
			if (source.equals(a[0]) && a[1] == null) {
				return a;
			}
		}
		return null;
	}

	private static long number(Object o) {
		return o instanceof Number n ? n.longValue() : 0;
	}

	private static List<String> strings(Object o) {
		return o instanceof String[] a ? Arrays.asList(a) : List.of();
	}

	@Override
	public void close() {
		seek.close();
		keyNode.close();
		ciNode.close();
		assertionNode.close();
		identified.close();
		asserted.close();
		properties.close();
	}

}
