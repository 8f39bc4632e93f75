package org.fedcmdb.cis;

import java.util.Arrays;
import java.util.List;

import org.neo4j.graphdb.Direction;
import org.neo4j.internal.kernel.api.NodeCursor;
import org.neo4j.internal.kernel.api.PropertyCursor;
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.kernel.api.RelationshipTraversalCursor;
import org.neo4j.internal.kernel.api.TokenRead;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.storageengine.api.PropertySelection;
import org.neo4j.storageengine.api.RelationshipSelection;
import org.neo4j.token.api.TokenConstants;

/**
 * The look-up's reading of one CI through the kernel's cursors ({@link KernelLookup}): what identification needs of
 * it and of its source's live assertion (as {@code ingest-lookup-keys}'s pattern comprehension), each node's fields
 * read in one pass over its property chain, three cursors reused for every CI.
 */
final class KernelCandidates implements AutoCloseable {

	private static final String[] CI_KEYS = { "id", "class", "firstSeen", "scope", "identifiers", "distinctFrom",
			"status" };

	private static final String[] ASSERTION_KEYS = { "source", "withdrawnAt", "hash", "ref", "scope", "stale" };

	private final Read read;

	private final int ciLabel;

	private final int asserts;

	private final int[] ciKeys;

	private final int[] assertionKeys;

	private final PropertySelection ciSelection;

	private final PropertySelection assertionSelection;

	private final NodeCursor ciNode;

	private final NodeCursor assertionNode;

	private final RelationshipTraversalCursor asserted;

	private final PropertyCursor properties;

	KernelCandidates(KernelTransaction ktx, int ciLabel, int asserts) {
		this.read = ktx.dataRead();
		this.ciLabel = ciLabel;
		this.asserts = asserts;
		TokenRead tokens = ktx.tokenRead();
		this.ciKeys = Arrays.stream(CI_KEYS).mapToInt(tokens::propertyKey).toArray();
		this.assertionKeys = Arrays.stream(ASSERTION_KEYS).mapToInt(tokens::propertyKey).toArray();
		this.ciSelection = selection(ciKeys);
		this.assertionSelection = selection(assertionKeys);
		var cursors = ktx.cursors();
		this.ciNode = cursors.allocateNodeCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.assertionNode = cursors.allocateNodeCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.asserted = cursors.allocateRelationshipTraversalCursor(ktx.cursorContext(), ktx.memoryTracker());
		this.properties = cursors.allocatePropertyCursor(ktx.cursorContext(), ktx.memoryTracker());
	}

	/** The CI's fields and the source's live assertion's; null when the node is not a CI. */
	GraphStore.CandidateRow candidate(String key, long reference, String source) {
		read.singleNode(reference, ciNode);
		if (!ciNode.next() || !ciNode.hasLabel(ciLabel)) {
			return null;
		}
		Object[] c = values(ciNode, ciKeys, ciSelection);
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
			Object[] a = values(assertionNode, assertionKeys, assertionSelection);
			if (source.equals(a[0]) && a[1] == null) {
				return a;
			}
		}
		return null;
	}

	/** The node's values of these keys (null where absent), in one pass over its property chain. */
	private Object[] values(NodeCursor node, int[] tokens, PropertySelection selection) {
		Object[] out = new Object[tokens.length];
		node.properties(properties, selection);
		while (properties.next()) {
			int k = properties.propertyKey();
			for (int i = 0; i < tokens.length; i++) {
				if (tokens[i] == k) {
					out[i] = properties.propertyValue().asObjectCopy();
					break;
				}
			}
		}
		return out;
	}

	/** The keys that have a token (a key never written has none, and no node has it). */
	private static PropertySelection selection(int[] tokens) {
		return PropertySelection.selection(Arrays.stream(tokens).filter(t -> t != TokenConstants.NO_TOKEN).toArray());
	}

	private static long number(Object o) {
		return o instanceof Number n ? n.longValue() : 0;
	}

	private static List<String> strings(Object o) {
		return o instanceof String[] a ? Arrays.asList(a) : List.of();
	}

	@Override
	public void close() {
		ciNode.close();
		assertionNode.close();
		asserted.close();
		properties.close();
	}

}
