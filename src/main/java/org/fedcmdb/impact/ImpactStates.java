package org.fedcmdb.impact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides DOWN or DEGRADED for every CI a traversal reached. Pure logic over the traversal's edges, iterated to a
 * fixpoint so that cycles terminate and a CI reached both through a degraded pool and directly is DOWN.
 * <p>
 * A CI is as bad as the worst CI it needs that is impacted. A redundancy group is DOWN only when fewer than its
 * {@code minHealthy} members remain healthy, DEGRADED while any member is hit but enough remain.
 */
public final class ImpactStates {

	private ImpactStates() {
	}

	/** An edge of the traversal: {@code to} is impacted because {@code from} is. */
	public record Edge(String from, String to, String type) {
	}

	/** A redundancy group: live members and the minimum that must stay healthy. */
	public record Group(int members, int minHealthy) {
	}

	public static Map<String, ImpactState> compute(Set<String> start, Set<String> reached, List<Edge> edges,
			Map<String, Group> groups) {
		Map<String, List<Edge>> incoming = new HashMap<>();
		for (Edge e : edges) {
			incoming.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
		}
		Map<String, ImpactState> state = new HashMap<>();
		start.forEach(s -> state.put(s, ImpactState.DOWN));
		boolean changed = true;
		int guard = 0;
		while (changed && guard++ < reached.size() + 2) {
			changed = false;
			for (String n : reached) {
				if (start.contains(n)) {
					continue;
				}
				ImpactState s = evaluate(n, incoming.getOrDefault(n, List.of()), state, groups.get(n));
				if (s != null && s != state.get(n) && ImpactState.max(s, state.get(n)) == s) {
					state.put(n, s);
					changed = true;
				}
			}
		}
		return state;
	}

	private static ImpactState evaluate(String n, List<Edge> in, Map<String, ImpactState> state, Group group) {
		ImpactState s = null;
		int down = 0;
		int degraded = 0;
		for (Edge e : in) {
			ImpactState from = state.get(e.from());
			if (from == null) {
				continue;
			}
			if (group != null && e.type().equals("MEMBER_OF")) {
				if (from == ImpactState.DOWN) {
					down++;
				}
				else {
					degraded++;
				}
			}
			else {
				s = ImpactState.max(s, from);
			}
		}
		if (group != null && down + degraded > 0) {
			int healthy = group.members() - down;
			s = ImpactState.max(s, healthy < group.minHealthy() ? ImpactState.DOWN : ImpactState.DEGRADED);
		}
		return s;
	}

}
