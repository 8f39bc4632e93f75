package org.fedcmdb.cis;

import java.util.Arrays;

import org.neo4j.internal.kernel.api.NodeCursor;
import org.neo4j.internal.kernel.api.PropertyCursor;
import org.neo4j.internal.kernel.api.TokenRead;
import org.neo4j.storageengine.api.PropertySelection;
import org.neo4j.token.api.TokenConstants;

/**
 * Some of a node's properties, read through the kernel's cursors in one pass over its property chain: the keys'
 * tokens resolved once per read ({@link KernelLookup}, {@link KernelBindings}), a reused property cursor.
 */
final class NodeFields {

	private final int[] tokens;

	private final PropertySelection selection;

	NodeFields(TokenRead tokenRead, String... keys) {
		this.tokens = Arrays.stream(keys).mapToInt(tokenRead::propertyKey).toArray();
		// the keys that have a token (a key never written has none, and no node has it)
		this.selection = PropertySelection
			.selection(Arrays.stream(tokens).filter(t -> t != TokenConstants.NO_TOKEN).toArray());
	}

	/** The node's values of the keys, in their order (null where absent). */
	Object[] read(NodeCursor node, PropertyCursor properties) {
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

}
