package org.fedcmdb.incidents;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.fedcmdb.graph.Json;

/**
 * Topology correlation of an incident's alerting CIs, kept incrementally so a storm of N alerts costs N updates, not N
 * traversals each: for every CI that an alerting CI is or needs (within the correlation depth), how many alerting CIs
 * lead to it, how deep at most, and whether it alerts itself. The probable cause is the CI that explains the most
 * alerting CIs; at a tie an alerting CI beats a silent one (it is observed failing), then the nearer one (a hypervisor
 * before the rack it stands in). A silent cause is "inferred": two VMs alerting on one hypervisor point at it.
 */
final class CauseScores {

	/**
	 * How many alerting CIs are or depend on this CI, the deepest of those paths, whether it alerts itself, and whether
	 * it is a hub (more dependents than {@code fedcmdb.incidents.max-shared-dependents}: a core switch, a shared DNS).
	 * A silent hub links no alerts and is no inferred cause: everything shares it, so sharing it says nothing.
	 */
	record Score(int count, int maxDepth, boolean alerting, boolean hub) {

		boolean links() {
			return alerting || !hub;
		}

	}

	record Cause(String ciId, boolean inferred, int explains) {
	}

	private final Map<String, Score> scores;

	private CauseScores(Map<String, Score> scores) {
		this.scores = scores;
	}

	static CauseScores empty() {
		return new CauseScores(new TreeMap<>());
	}

	@SuppressWarnings("unchecked")
	static CauseScores decode(String json) {
		Map<String, Score> out = new TreeMap<>();
		Json.readMap(json).forEach((k, v) -> {
			List<Number> s = (List<Number>) v;
			out.put(k, new Score(s.get(0).intValue(), s.get(1).intValue(), s.get(2).intValue() == 1,
					s.size() > 3 && s.get(3).intValue() == 1));
		});
		return new CauseScores(out);
	}

	String encode() {
		Map<String, List<Integer>> out = new TreeMap<>();
		scores.forEach((k, s) -> out.put(k, List.of(s.count(), s.maxDepth(), s.alerting() ? 1 : 0, s.hub() ? 1 : 0)));
		return Json.write(out);
	}

	/**
	 * How strongly a new alerting CI relates to this incident: 1 for each of it and what it needs that is in the
	 * picture and links (an alerting CI, or a silent one that is no hub). 0: unrelated.
	 */
	int overlap(String ciId, Map<String, Integer> needs, Set<String> hubs) {
		int n = scores.containsKey(ciId) ? 1 : 0;
		for (String d : needs.keySet()) {
			Score s = scores.get(d);
			if (s != null && (s.alerting() || !hubs.contains(d))) {
				n++;
			}
		}
		return n;
	}

	void add(String ciId, Map<String, Integer> needs) {
		add(ciId, needs, Set.of());
	}

	/** Adds an alerting CI (not yet counted) with what it needs ({@code needs}: CI id to depth, itself excluded). */
	void add(String ciId, Map<String, Integer> needs, Set<String> hubs) {
		scores.merge(ciId, new Score(1, 0, true, hubs.contains(ciId)),
				(a, b) -> new Score(a.count() + 1, a.maxDepth(), true, a.hub()));
		needs.forEach((d, depth) -> {
			if (!d.equals(ciId)) {
				scores.merge(d, new Score(1, depth, false, hubs.contains(d)),
						(a, b) -> new Score(a.count() + 1, Math.max(a.maxDepth(), depth), a.alerting(), a.hub() || b.hub()));
			}
		});
	}

	Cause cause() {
		if (scores.isEmpty()) {
			return null;
		}
		List<Map.Entry<String, Score>> all = new ArrayList<>(scores.entrySet().stream().filter(e -> e.getValue().links()).toList());
		if (all.isEmpty()) {
			all = new ArrayList<>(scores.entrySet());
		}
		all.sort(Comparator.comparingInt((Map.Entry<String, Score> e) -> -e.getValue().count())
			.thenComparing(e -> e.getValue().alerting() ? 0 : 1)
			.thenComparingInt(e -> e.getValue().maxDepth())
			.thenComparing(Map.Entry::getKey));
		Map.Entry<String, Score> best = all.get(0);
		return new Cause(best.getKey(), !best.getValue().alerting(), best.getValue().count());
	}

	int size() {
		return scores.size();
	}

}
