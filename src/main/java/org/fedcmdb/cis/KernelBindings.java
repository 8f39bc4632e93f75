package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
 * The bound records' read ({@code ingest-bound-refs}, {@link GraphStore#bound}) through the kernel's cursors, as
 * {@link KernelLookup} reads identity keys: per ref, a seek of the (source, ref) index, the assertion's scope, hash and
 * staleness, then its CI's class, scope, first-seen time and status over the one ASSERTS relationship. A CI's
 * identifiers and kept-apart list, the look-up's costliest fields, are not read: a bound record is not identified.
 */
final class KernelBindings implements AutoCloseable {

	private static final String[] ASSERTION_KEYS = { "liveScope", "hash", "stale" };

	private static final String[] CI_KEYS = { "id", "class", "firstSeen", "scope", "status" };

	private final KernelTransaction ktx;

	private final Read read;

	private final IndexReadSession index;

	private final int sourceKey;

	private final int refKey;

	private final int ciLabel;

	private final int asserts;

	private final NodeFields assertionFields;

	private final NodeFields ciFields;

	private final NodeValueIndexCursor seek;

	private final NodeCursor assertionNode;

	private final NodeCursor ciNode;

	private final RelationshipTraversalCursor asserted;

	private final PropertyCursor properties;

	private KernelBindings(KernelTransaction ktx, IndexDescriptor index, int sourceKey, int refKey, int ciLabel,
			int asserts) throws KernelException {
		this.ktx = ktx;
		this.read = ktx.dataRead();
		this.index = read.indexReadSession(index);
		this.sourceKey = sourceKey;
		this.refKey = refKey;
		this.ciLabel = ciLabel;
		this.asserts = asserts;
		TokenRead tokens = ktx.tokenRead();
		this.assertionFields = new NodeFields(tokens, ASSERTION_KEYS);
		this.ciFields = new NodeFields(tokens, CI_KEYS);
		var cursors = ktx.cursors();
		this.seek = cursors.allocateNodeValueIndexCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.assertionNode = cursors.allocateNodeCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.ciNode = cursors.allocateNodeCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.asserted = cursors.allocateRelationshipTraversalCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.properties = cursors.allocatePropertyCursor(ktx.cursorContext(), ktx.memoryTracker());
	}

	/**
	 * As {@code ingest-bound-refs}: the refs the source's live assertions in the scope carry, with their CIs (a ref
	 * with more than one is left out); null when the (source, ref) index is not online (the caller asks Cypher).
	 * {@code probe}: after that many refs without one bound, the rest are not read (a first ingest has none).
	 */
	static Map<String, GraphStore.CandidateRow> bound(KernelTransaction ktx, String source, String scope,
			Collection<String> refs, int probe) throws KernelException {
		TokenRead tokens = ktx.tokenRead();
		int label = tokens.nodeLabel("Assertion");
		int sourceKey = tokens.propertyKey("source");
		int refKey = tokens.propertyKey("ref");
		int ciLabel = tokens.nodeLabel("CI");
		int asserts = tokens.relationshipType("ASSERTS");
		if (label == TokenConstants.NO_TOKEN || sourceKey == TokenConstants.NO_TOKEN || refKey == TokenConstants.NO_TOKEN
				|| ciLabel == TokenConstants.NO_TOKEN || asserts == TokenConstants.NO_TOKEN
				|| tokens.propertyKey("liveScope") == TokenConstants.NO_TOKEN) {
			return Map.of(); // no assertion was ever written
		}
		Iterator<IndexDescriptor> indexes = ktx.schemaRead().index(SchemaDescriptors.forLabel(label, sourceKey, refKey));
		while (indexes.hasNext()) {
			IndexDescriptor index = indexes.next();
			if (ktx.schemaRead().indexGetState(index) == InternalIndexState.ONLINE) {
				try (KernelBindings bindings = new KernelBindings(ktx, index, sourceKey, refKey, ciLabel, asserts)) {
					return bindings.bound(source, scope, refs, probe);
				}
			}
		}
		return null;
	}

	private Map<String, GraphStore.CandidateRow> bound(String source, String scope, Collection<String> refs, int probe)
			throws KernelException {
		BindingsFound found = new BindingsFound();
		List<String> rest = new ArrayList<>();
		int probed = 0;
		for (String ref : refs) {
			if (probed < probe) {
				probed++;
				seekOne(source, scope, ref, found);
			}
			else {
				rest.add(ref);
			}
		}
		if (!found.isEmpty()) {
			scan(source, scope, rest, found);
		}
		return found.rows();
	}

	private void seekOne(String source, String scope, String ref, BindingsFound found) throws KernelException {
		read.nodeIndexSeek(ktx.queryContext(), index, seek, IndexQueryConstraints.unconstrained(),
				PropertyIndexQuery.exact(sourceKey, source), PropertyIndexQuery.exact(refKey, ref));
		int entries = 0;
		while (seek.next()) {
			found.add(ref, row(seek.nodeReference(), ref, scope));
			if (found.settled(ref, ++entries)) {
				return;
			}
		}
	}

	/**
	 * The refs in the index's order, walking its entries from one wanted ref to the next (a merge join) while they
	 * are close, seeking again past {@link #MAX_SKIP} entries of other refs: a seek descends the tree (about 4 µs
	 * at tier S), a step reads the next entry. A chunk's refs are often neighbours in a source's order (a scanner's
	 * addresses, numbered resources); scattered ones (random ids) cost a seek each, as before. An entry taken for
	 * absent by a misjudged order is only identified again, never bound to the wrong CI (a row needs an equal ref).
	 */
	private void scan(String source, String scope, List<String> refs, BindingsFound found) throws KernelException {
		String[] wanted = refs.stream().distinct().sorted(KernelBindings::compareCodePoints).toArray(String[]::new);
		int j = 0;
		int seekedAt = -1;
		while (j < wanted.length) {
			if (j == seekedAt) {
				// a seek that did not pass its first wanted ref: the entries are not in the order compared in
				seekOne(source, scope, wanted[j++], found);
				continue;
			}
			seekedAt = j;
			read.nodeIndexSeek(ktx.queryContext(), index, seek,
					IndexQueryConstraints.constrained(org.neo4j.internal.schema.IndexOrder.ASCENDING, true),
					PropertyIndexQuery.exact(sourceKey, source),
					PropertyIndexQuery.range(refKey, wanted[j], true, wanted[wanted.length - 1], true));
			int skipped = 0;
			int entries = 0; // of wanted[j]
			boolean again = false;
			while (j < wanted.length && seek.next()) {
				if (!(seek.propertyValue(1).asObjectCopy() instanceof String ref)) {
					for (; j < wanted.length; j++) {
						seekOne(source, scope, wanted[j], found); // an index that does not give its values back
					}
					return;
				}
				int c = compareCodePoints(ref, wanted[j]);
				int at = j;
				while (c > 0 && ++j < wanted.length) {
					c = compareCodePoints(ref, wanted[j]); // wanted refs the index does not hold
				}
				if (j == wanted.length) {
					break;
				}
				if (j != at) {
					skipped = 0;
					entries = 0;
				}
				if (c == 0) {
					// the caller's String, not the index's copy: its look-ups by the item's ref then match by identity
					found.add(wanted[j], row(seek.nodeReference(), wanted[j], scope));
					skipped = 0;
					if (found.settled(ref, ++entries) && ++j < wanted.length) {
						again = true; // past this ref's other entries with a seek to the next wanted ref
						break;
					}
				}
				else if (++skipped > MAX_SKIP) {
					again = true;
					break;
				}
			}
			if (!again) {
				return; // every wanted ref passed, or no entry left up to the last
			}
		}
	}

	/** Entries of other refs walked past before seeking again. */
	private static final int MAX_SKIP = 16;

	/** Index entries (assertions, live or withdrawn) of one ref read before it is left to identification. */
	static final int MAX_ENTRIES = 8;

	/** Unicode code point order, the order of a range index's text values (UTF-16 units order surrogates apart). */
	static int compareCodePoints(String a, String b) {
		int i = 0;
		int k = 0;
		while (i < a.length() && k < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(k);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			k += Character.charCount(cb);
		}
		return Integer.compare(a.length() - i, b.length() - k);
	}

	/** The assertion's record if it is live in the scope and asserts a CI; else null. */
	private GraphStore.CandidateRow row(long assertion, String ref, String scope) {
		read.singleNode(assertion, assertionNode);
		if (!assertionNode.next()) {
			return null;
		}
		Object[] a = assertionFields.read(assertionNode, properties);
		if (!scope.equals(a[0])) {
			return null; // withdrawn (no liveScope) or another scope's
		}
		assertionNode.relationships(asserted, RelationshipSelection.selection(asserts, Direction.OUTGOING));
		while (asserted.next()) {
			read.singleNode(asserted.otherNodeReference(), ciNode);
			if (ciNode.next() && ciNode.hasLabel(ciLabel)) {
				Object[] c = ciFields.read(ciNode, properties);
				return new GraphStore.CandidateRow(null, (String) c[0], (String) c[1],
						c[2] instanceof Number n ? n.longValue() : 0, c[3] instanceof String s ? s : "-", null, List.of(),
						(String) a[1], ref, scope, Boolean.TRUE.equals(a[2]), (String) c[4]);
			}
		}
		return null;
	}

	@Override
	public void close() {
		seek.close();
		assertionNode.close();
		ciNode.close();
		asserted.close();
		properties.close();
	}

}
