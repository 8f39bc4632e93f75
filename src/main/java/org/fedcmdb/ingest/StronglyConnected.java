package org.fedcmdb.ingest;

import java.util.ArrayList;
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

	/**
	 * Component number of every node that lies on a cycle together with another node; others are absent. On int
	 * arrays, each name looked up once: the version over maps of names (an index, a low link and a stack flag per
	 * node, each a hash look-up of a String) was a sixth of the chunk parser's time in an unchanged tier-M re-send.
	 */
	static Map<String, Integer> components(Map<String, List<String>> out) {
		Map<String, Integer> ids = new HashMap<>(out.size() * 2);
		List<String> names = new ArrayList<>(out.size() * 2);
		List<List<String>> successors = new ArrayList<>(out.size());
		int edges = 0;
		for (Map.Entry<String, List<String>> e : out.entrySet()) {
			ids.put(e.getKey(), names.size());
			names.add(e.getKey());
			successors.add(e.getValue());
			edges += e.getValue().size();
		}
		int withEdges = names.size(); // nodes 0 to withEdges - 1 have successors: start[v] to start[v + 1] in next
		int[] start = new int[withEdges + 1];
		int[] next = new int[edges];
		int p = 0;
		for (int v = 0; v < withEdges; v++) {
			start[v] = p;
			for (String w : successors.get(v)) {
				Integer id = ids.get(w);
				if (id == null) {
					id = names.size();
					names.add(w);
					ids.put(w, id);
				}
				next[p++] = id;
			}
		}
		start[withEdges] = p;
		return new Tarjan(names.size(), withEdges, start, next).run(names);
	}

	/** The iterative walk over nodes numbered 0 to n - 1; frames of (node, position in {@code next}). */
	private static final class Tarjan {

		final int withEdges;

		final int[] start;

		final int[] next;

		final int[] index;

		final int[] low;

		final boolean[] onStack;

		final int[] stack;

		int sp;

		final int[] frame;

		final int[] pos;

		int fp;

		int counter;

		Tarjan(int n, int withEdges, int[] start, int[] next) {
			this.withEdges = withEdges;
			this.start = start;
			this.next = next;
			this.index = new int[n];
			java.util.Arrays.fill(index, -1);
			this.low = new int[n];
			this.onStack = new boolean[n];
			this.stack = new int[n];
			this.frame = new int[n];
			this.pos = new int[n];
		}

		Map<String, Integer> run(List<String> names) {
			Map<String, Integer> component = new HashMap<>();
			int components = 0;
			for (int root = 0; root < withEdges; root++) {
				if (index[root] >= 0) {
					continue;
				}
				enter(root);
				while (fp > 0) {
					int v = frame[fp - 1];
					if (pos[fp - 1] < end(v)) {
						int w = next[pos[fp - 1]++];
						if (index[w] < 0) {
							enter(w);
						}
						else if (onStack[w]) {
							low[v] = Math.min(low[v], index[w]);
						}
						continue;
					}
					fp--;
					if (fp > 0) {
						int parent = frame[fp - 1];
						low[parent] = Math.min(low[parent], low[v]);
					}
					if (low[v] == index[v]) {
						int top = sp;
						int w;
						do {
							w = stack[--sp];
							onStack[w] = false;
						}
						while (w != v);
						if (top - sp > 1) {
							int c = components++;
							for (int i = sp; i < top; i++) {
								component.put(names.get(stack[i]), c);
							}
						}
					}
				}
			}
			return component;
		}

		private int end(int v) {
			return v < withEdges ? start[v + 1] : 0;
		}

		private void enter(int v) {
			index[v] = counter;
			low[v] = counter++;
			stack[sp++] = v;
			onStack[v] = true;
			frame[fp] = v;
			pos[fp++] = v < withEdges ? start[v] : 0;
		}

	}

}
