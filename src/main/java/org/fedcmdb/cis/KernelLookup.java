package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
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
import org.neo4j.storageengine.api.PropertySelection;
import org.neo4j.storageengine.api.RelationshipSelection;
import org.neo4j.token.api.TokenConstants;

/**
 * The identification look-up ({@code ingest-lookup-keys}) through the kernel's cursors, the API {@code KernelGraph}
 * and the withdrawal's count read with: tokens resolved and the indexes found once per chunk, cursors reused for
 * every key, each CI's and assertion's fields read in one pass over their property chains ({@link KernelCandidates}).
 * The database's own API ({@code tx.findNode}, {@code getProperties}) looked the index and each property's token up
 * again for every key and allocated an entity per node and relationship and a map per read. A record whose ref its
 * source already asserts has its keys read from that CI's identity keys (one seek of the assertion instead of one of
 * the B-tree per key, which was half of the look-up's time): the look-up is the largest step of an unchanged
 * re-send's chunks. The rows are the same either way: every CI each key identifies.
 */
final class KernelLookup implements AutoCloseable {

	private final KernelTransaction ktx;

	private final Read read;

	private final IndexReadSession keys;

	private final int keyProperty;

	private final int ciLabel;

	private final int identifies;

	private final int asserts;

	/** Reads each CI a key identifies, with the source's live assertion. */
	private final KernelCandidates candidates;

	private final NodeValueIndexCursor seek;

	/** The index of assertions by source and ref, or null (then every key is sought). */
	private final IndexReadSession refs;

	private final int sourceKey;

	private final int refKey;

	private final int withdrawnKey;

	private final NodeValueIndexCursor refSeek;

	private final NodeCursor hintNode;

	private final RelationshipTraversalCursor hintRelationships;

	private final NodeCursor keyNode;

	private final RelationshipTraversalCursor identified;

	private final PropertyCursor properties;

	private KernelLookup(KernelTransaction ktx, IndexDescriptor index, IndexDescriptor refIndex, int keyProperty,
			int ciLabel, int identifies, int asserts) throws KernelException {
		this.ktx = ktx;
		this.read = ktx.dataRead();
		this.keys = read.indexReadSession(index);
		this.refs = refIndex == null ? null : read.indexReadSession(refIndex);
		this.keyProperty = keyProperty;
		this.ciLabel = ciLabel;
		this.identifies = identifies;
		this.asserts = asserts;
		TokenRead tokens = ktx.tokenRead();
		this.candidates = new KernelCandidates(ktx, ciLabel, asserts);
		var cursors = ktx.cursors();
		this.seek = cursors.allocateNodeValueIndexCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.keyNode = cursors.allocateNodeCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.identified = cursors.allocateRelationshipTraversalCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.properties = cursors.allocatePropertyCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.sourceKey = tokens.propertyKey("source");
		this.refKey = tokens.propertyKey("ref");
		this.withdrawnKey = tokens.propertyKey("withdrawnAt");
		this.refSeek = cursors.allocateNodeValueIndexCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.hintNode = cursors.allocateNodeCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.hintRelationships = cursors.allocateRelationshipTraversalCursor(ktx.cursorContext(), ktx.memoryTracker());
	}

	/**
	 * As {@code ingest-lookup-keys}: per key, each CI it identifies, with the source's live assertion's fields; null
	 * when the identity keys' index is not online (the caller asks Cypher, which plans around it).
	 * @param refKeys per record's ref, its keys: those the CI the source already asserts under the ref is identified
	 * by are read from it rather than sought in the index (the same rows: every CI such a key identifies)
	 */
	static List<GraphStore.CandidateRow> lookup(KernelTransaction ktx, Collection<String> keyValues, String source,
			Map<String, ? extends Collection<String>> refKeys) throws KernelException {
		Found found = find(ktx, keyValues, source, refKeys);
		return found == null ? null : found.rows();
	}

	/** The look-up's rows, and how many keys were read from the CI of a record's ref rather than sought. */
	record Found(List<GraphStore.CandidateRow> rows, int throughRefs) {
	}

	static Found find(KernelTransaction ktx, Collection<String> keyValues, String source,
			Map<String, ? extends Collection<String>> refKeys) throws KernelException {
		TokenRead tokens = ktx.tokenRead();
		int idKey = tokens.nodeLabel("IdKey");
		int key = tokens.propertyKey("key");
		int ciLabel = tokens.nodeLabel("CI");
		int identifies = tokens.relationshipType("IDENTIFIES");
		if (idKey == TokenConstants.NO_TOKEN || key == TokenConstants.NO_TOKEN || ciLabel == TokenConstants.NO_TOKEN
				|| identifies == TokenConstants.NO_TOKEN) {
			return new Found(List.of(), 0); // no identity key was ever written
		}
		IndexDescriptor index = online(ktx, SchemaDescriptors.forLabel(idKey, key));
		if (index == null) {
			return null;
		}
		int assertion = tokens.nodeLabel("Assertion");
		IndexDescriptor refIndex = assertion == TokenConstants.NO_TOKEN || refKeys.isEmpty() ? null
				: online(ktx, SchemaDescriptors.forLabel(assertion, tokens.propertyKey("source"), tokens.propertyKey("ref")));
		try (KernelLookup lookup = new KernelLookup(ktx, index, refIndex, key, ciLabel, identifies,
				tokens.relationshipType("ASSERTS"))) {
			List<GraphStore.CandidateRow> rows = lookup.lookup(keyValues, source, refKeys);
			return new Found(rows, lookup.throughRefs);
		}
	}

	/** An online index of exactly this schema, or null. */
	private static IndexDescriptor online(KernelTransaction ktx, org.neo4j.internal.schema.LabelSchemaDescriptor schema)
			throws KernelException {
		Iterator<IndexDescriptor> indexes = ktx.schemaRead().index(schema);
		while (indexes.hasNext()) {
			IndexDescriptor index = indexes.next();
			if (ktx.schemaRead().indexGetState(index) == InternalIndexState.ONLINE) {
				return index;
			}
		}
		return null;
	}

	private List<GraphStore.CandidateRow> lookup(Collection<String> keyValues, String source,
			Map<String, ? extends Collection<String>> refKeys) throws KernelException {
		List<GraphStore.CandidateRow> rows = new ArrayList<>();
		// a record's identity keys mostly name the same CI: its fields and the source's assertion read once
		LongObjectHashMap<GraphStore.CandidateRow> byCi = new LongObjectHashMap<>();
		Set<String> resolved = new HashSet<>();
		if (refs != null && sourceKey != TokenConstants.NO_TOKEN && refKey != TokenConstants.NO_TOKEN) {
			int tried = 0;
			int found = 0;
			for (Map.Entry<String, ? extends Collection<String>> record : refKeys.entrySet()) {
				if (tried >= PROBE && found * 4 < tried) {
					break; // mostly refs the source never sent (a first ingest): seeking them costs more than it saves
				}
				tried++;
				found += throughRef(record.getKey(), record.getValue(), source, resolved, rows, byCi) ? 1 : 0;
			}
		}
		for (String key : keyValues) {
			if (resolved.contains(key)) {
				continue;
			}
			read.nodeIndexSeek(ktx.queryContext(), keys, seek, IndexQueryConstraints.unconstrained(),
					PropertyIndexQuery.exact(keyProperty, key));
			while (seek.next()) {
				identifiedBy(key, seek.nodeReference(), source, rows, byCi);
			}
		}
		throughRefs = resolved.size();
		return rows;
	}

	/** Keys the last look-up read from the CI of a record's ref. */
	private int throughRefs;

	/** Refs tried before the look-up decides whether they are worth seeking (see {@link #lookup}). */
	private static final int PROBE = 64;

	/**
	 * Resolves those of a record's keys that identify the CI its source's live assertion under this ref is on, from
	 * that CI's identity keys; true if any was. One seek of the assertion instead of one per key: an unchanged
	 * re-send's records find every key there.
	 */
	private boolean throughRef(String ref, Collection<String> wanted, String source, Set<String> resolved,
			List<GraphStore.CandidateRow> rows, LongObjectHashMap<GraphStore.CandidateRow> byCi) throws KernelException {
		read.nodeIndexSeek(ktx.queryContext(), refs, refSeek, IndexQueryConstraints.unconstrained(),
				PropertyIndexQuery.exact(sourceKey, source), PropertyIndexQuery.exact(refKey, ref));
		LongArrayList cis = new LongArrayList(1);
		while (refSeek.next()) {
			read.singleNode(refSeek.nodeReference(), hintNode);
			if (hintNode.next() && !withdrawn(hintNode)) {
				hintNode.relationships(hintRelationships, RelationshipSelection.selection(asserts, Direction.OUTGOING));
				while (hintRelationships.next()) {
					cis.add(hintRelationships.otherNodeReference());
				}
			}
		}
		boolean any = false;
		for (int i = 0; i < cis.size(); i++) {
			read.singleNode(cis.get(i), hintNode);
			if (!hintNode.next() || !hintNode.hasLabel(ciLabel)) {
				continue;
			}
			hintNode.relationships(hintRelationships, RelationshipSelection.selection(identifies, Direction.INCOMING));
			while (hintRelationships.next()) {
				long keyNodeReference = hintRelationships.otherNodeReference();
				String key = keyOf(keyNodeReference);
				if (key != null && wanted.contains(key) && resolved.add(key)) {
					identifiedBy(key, keyNodeReference, source, rows, byCi);
					any = true;
				}
			}
		}
		return any;
	}

	private boolean withdrawn(NodeCursor node) {
		if (withdrawnKey == TokenConstants.NO_TOKEN) {
			return false;
		}
		node.properties(properties, PropertySelection.selection(withdrawnKey));
		return properties.next();
	}

	/** An identity key node's key. */
	private String keyOf(long keyNodeReference) {
		read.singleNode(keyNodeReference, keyNode);
		if (!keyNode.next()) {
			return null;
		}
		keyNode.properties(properties, PropertySelection.selection(keyProperty));
		return properties.next() && properties.propertyValue().asObjectCopy() instanceof String k ? k : null;
	}

	/** A row for each CI the key node identifies. */
	private void identifiedBy(String key, long keyNodeReference, String source, List<GraphStore.CandidateRow> rows,
			LongObjectHashMap<GraphStore.CandidateRow> byCi) {
		read.singleNode(keyNodeReference, keyNode);
		if (!keyNode.next()) {
			return;
		}
		keyNode.relationships(identified, RelationshipSelection.selection(identifies, Direction.OUTGOING));
		while (identified.next()) {
			long reference = identified.otherNodeReference();
			GraphStore.CandidateRow row = byCi.get(reference);
			if (row == null) {
				row = candidates.candidate(key, reference, source);
				if (row == null) {
					continue; // not a CI
				}
				byCi.put(reference, row);
			}
			rows.add(row.key().equals(key) ? row : row.forKey(key));
		}
	}

	@Override
	public void close() {
		seek.close();
		refSeek.close();
		hintNode.close();
		hintRelationships.close();
		keyNode.close();
		identified.close();
		properties.close();
		candidates.close();
	}

}
