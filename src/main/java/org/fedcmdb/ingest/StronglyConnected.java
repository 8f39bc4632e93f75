package org.fedcmdb.ingest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tarjan's strongly connected components, iterative so that a long chain in a hostile snapshot cannot overflow the
 * stack. Written here because it is twenty lines and the graph libraries that have it (JGraphT) would be a dependency
 * for one call; Neo4j's own algorithms run on stored graphs, and a snapshot must be checked before it is stored.
 */
final class StronglyConnected {

	private StronglyConnected() {
	}

	/** Component number of every node that lies on a cycle together with another node; others are absent. */
	static Map<String, Integer> components(Map<String, List<String>> out) {
		Map<String, Integer> index = new HashMap<>();
		Map<String, Integer> low = new HashMap<>();
		Map<String, Integer> component = new HashMap<>();
		Deque<String> stack = new ArrayDeque<>();
		java.util.Set<String> onStack = new java.util.HashSet<>();
		int[] counter = { 0 };
		int components = 0;
		for (String root : out.keySet()) {
			if (index.containsKey(root)) {
				continue;
			}
			// frames of (node, position in its successor list)
			Deque<Object[]> frames = new ArrayDeque<>();
			visit(root, index, low, stack, onStack, counter);
			frames.push(new Object[] { root, 0 });
			while (!frames.isEmpty()) {
				Object[] frame = frames.peek();
				String v = (String) frame[0];
				List<String> next = out.getOrDefault(v, List.of());
				int i = (int) frame[1];
				if (i < next.size()) {
					frame[1] = i + 1;
					String w = next.get(i);
					if (!index.containsKey(w)) {
						visit(w, index, low, stack, onStack, counter);
						frames.push(new Object[] { w, 0 });
					}
					else if (onStack.contains(w)) {
						low.put(v, Math.min(low.get(v), index.get(w)));
					}
					continue;
				}
				frames.pop();
				if (!frames.isEmpty()) {
					String parent = (String) frames.peek()[0];
					low.put(parent, Math.min(low.get(parent), low.get(v)));
				}
				if (low.get(v).equals(index.get(v))) {
					java.util.List<String> members = new java.util.ArrayList<>();
					String w;
					do {
						w = stack.pop();
						onStack.remove(w);
						members.add(w);
					}
					while (!w.equals(v));
					if (members.size() > 1) {
						int c = components++;
						members.forEach(m -> component.put(m, c));
					}
				}
			}
		}
		return component;
	}

	private static void visit(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
			java.util.Set<String> onStack, int[] counter) {
		index.put(v, counter[0]);
		low.put(v, counter[0]);
		counter[0]++;
		stack.push(v);
		onStack.add(v);
	}

}
