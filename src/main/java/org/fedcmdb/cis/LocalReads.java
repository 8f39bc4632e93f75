package org.fedcmdb.cis;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.IndexQueryConstraints;
import org.neo4j.internal.kernel.api.InternalIndexState;
import org.neo4j.internal.kernel.api.NodeCursor;
import org.neo4j.internal.kernel.api.NodeValueIndexCursor;
import org.neo4j.internal.kernel.api.PropertyCursor;
import org.neo4j.internal.kernel.api.PropertyIndexQuery;
import org.neo4j.internal.kernel.api.TokenRead;
import org.neo4j.internal.schema.IndexDescriptor;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.storageengine.api.PropertySelection;
import org.neo4j.token.api.TokenConstants;

/**
 * The ingestion path's two per-chunk reads answered in process when the database is embedded: the identification
 * look-up ({@code ingest-lookup-keys}) and the refs of earlier chunks ({@code ingest-resolve-refs}), with exactly
 * their semantics, in a read transaction (the look-up through the kernel's cursors: {@link KernelLookup}). Over Bolt
 * a 10k-record chunk's look-up is planned by the slotted runtime (one walk of a CI's property chain per property) and
 * its ~10k rows, identifiers included, are encoded and decoded; here a CI's properties are read in one pass and the
 * rows stay objects. Against an external server the Cypher statements answer ({@link GraphStore});
 * {@code LocalReadsIntegrationTests} compares both.
 */
final class LocalReads {

	private static final Label ASSERTION = Label.label("Assertion");

	private final GraphDatabaseService db;

	LocalReads(GraphDatabaseService db) {
		this.db = db;
	}

	/**
	 * As {@code ingest-lookup-keys}: per key, each CI it identifies, with the source's live assertion's hash
	 * ({@link KernelLookup}); null when the identity keys' index is not online (the caller asks Cypher).
	 */
	List<GraphStore.CandidateRow> lookup(Collection<String> keys, String source) {
		try (Transaction tx = db.beginTx()) {
			return KernelLookup.lookup(((InternalTransaction) tx).kernelTransaction(), keys, source);
		}
		catch (KernelException ex) {
			throw new IllegalStateException("cannot look " + keys.size() + " identity keys up", ex);
		}
	}

	/**
	 * As {@code ingest-bound-refs}: the refs bound to a CI by the source's live assertion in the scope
	 * ({@link KernelBindings}); null when the (source, ref) index is not online (the caller asks Cypher).
	 */
	Map<String, GraphStore.CandidateRow> bound(String source, String scope, Collection<String> refs, int probe) {
		try (Transaction tx = db.beginTx()) {
			return KernelBindings.bound(((InternalTransaction) tx).kernelTransaction(), source, scope, refs, probe);
		}
		catch (KernelException ex) {
			throw new IllegalStateException("cannot read the bindings of " + refs.size() + " refs", ex);
		}
	}

	/** As {@code ingest-resolve-refs}: the CIs the source's assertions of this snapshot carry these refs for. */
	Map<String, String> resolveRefs(String snapshotId, String source, Collection<String> refs) {
		Map<String, String> out = new HashMap<>();
		try (Transaction tx = db.beginTx()) {
			for (String ref : refs) {
				try (ResourceIterator<Node> found = tx.findNodes(ASSERTION, "source", source, "ref", ref)) {
					found.forEachRemaining(a -> {
						Map<String, Object> p = a.getProperties("snapshotId", "ciId");
						if (snapshotId.equals(p.get("snapshotId")) && p.get("ciId") instanceof String id) {
							out.put(ref, id);
						}
					});
				}
			}
		}
		return out;
	}

	/**
	 * As {@code withdraw-candidates}, through the kernel's cursors (the API {@code KernelGraph} reads with): a seek of
	 * the index of live assertions whose entries carry the CI id, checked against the unwritten CIs in a Java set;
	 * only the others' seen and snapshotId are read from the store. The Cypher statement spends most of its time
	 * taking the unwritten ids as a list parameter and checking each entry against it (2.9 s at tier M, a million
	 * of each). Null when the index is not there or not online (the caller asks Cypher).
	 */
	Withdrawals.Counted countScope(String source, String scope, long before, String snapshotId, Set<String> unwritten) {
		try (Transaction tx = db.beginTx()) {
			KernelTransaction ktx = ((InternalTransaction) tx).kernelTransaction();
			IndexDescriptor index = ktx.schemaRead().indexGetForName(LIVE_SCOPE_INDEX);
			// still populating (V0019 just created it on a large store) or failed: a seek would throw, Cypher plans
			// around it
			if (index == IndexDescriptor.NO_INDEX || ktx.schemaRead().indexGetState(index) != InternalIndexState.ONLINE) {
				return null;
			}
			TokenRead tokens = ktx.tokenRead();
			int[] keys = { tokens.propertyKey("source"), tokens.propertyKey("liveScope"), tokens.propertyKey("ciId"),
					tokens.propertyKey("seen"), tokens.propertyKey("snapshotId") };
			if (keys[0] == TokenConstants.NO_TOKEN || keys[1] == TokenConstants.NO_TOKEN
					|| keys[2] == TokenConstants.NO_TOKEN) {
				return new Withdrawals.Counted(0, 0);
			}
			try (NodeValueIndexCursor seek = ktx.cursors().allocateNodeValueIndexCursor(ktx.cursorContext(),
					ktx.memoryTracker());
					NodeCursor node = ktx.cursors().allocateNodeCursor(ktx.cursorContext(), ktx.memoryTracker());
					PropertyCursor properties = ktx.cursors().allocatePropertyCursor(ktx.cursorContext(),
							ktx.memoryTracker())) {
				ktx.dataRead().nodeIndexSeek(ktx.queryContext(), ktx.dataRead().indexReadSession(index), seek,
						IndexQueryConstraints.unorderedValues(), PropertyIndexQuery.exact(keys[0], source),
						PropertyIndexQuery.exact(keys[1], scope), PropertyIndexQuery.exists(keys[2]));
				PropertySelection selection = PropertySelection.selection(keys[3], keys[4]);
				int total = 0;
				int gone = 0;
				while (seek.next()) {
					total++;
					if (!unwritten.contains(seek.propertyValue(2).asObjectCopy())
							&& gone(ktx, seek.nodeReference(), node, properties, selection, keys, before, snapshotId)) {
						gone++;
					}
				}
				return new Withdrawals.Counted(total, gone);
			}
		}
		catch (KernelException ex) {
			throw new IllegalStateException("cannot count the assertions of " + source + " in scope " + scope, ex);
		}
	}

	/** As the Cypher: seen before the snapshot and another snapshot's (a missing one compares to null: not gone). */
	private static boolean gone(KernelTransaction ktx, long reference, NodeCursor node, PropertyCursor properties,
			PropertySelection selection, int[] keys, long before, String snapshotId) {
		ktx.dataRead().singleNode(reference, node);
		if (!node.next()) {
			return false;
		}
		Object seen = null;
		Object snapshot = null;
		node.properties(properties, selection);
		while (properties.next()) {
			if (properties.propertyKey() == keys[3]) {
				seen = properties.propertyValue().asObjectCopy();
			}
			else if (properties.propertyKey() == keys[4]) {
				snapshot = properties.propertyValue().asObjectCopy();
			}
		}
		return seen instanceof Number n && n.longValue() < before && snapshot != null && !snapshotId.equals(snapshot);
	}

	/** The index of live assertions (migration V0019). */
	static final String LIVE_SCOPE_INDEX = "assertion_source_live_scope_ci";

}
