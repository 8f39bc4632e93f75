package org.fedcmdb.impact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Incident triage as pure logic: topology correlation of alerting CIs (an alerting CI that the others depend on
 * explains them: one incident, not an alert storm) and priority from an ITIL impact x urgency matrix.
 */
public final class IncidentPolicy {

	private final List<List<String>> matrix;

	public IncidentPolicy(List<String> rows) {
		this.matrix = rows.stream().map(r -> List.of(r.split("\\s*,\\s*"))).toList();
		if (matrix.size() != 3 || matrix.stream().anyMatch(r -> r.size() != 3)
				|| matrix.stream().flatMap(List::stream).anyMatch(p -> !p.matches("P[1-4]"))) {
			throw new IllegalArgumentException("fedcmdb.impact.priority-matrix must be 3 rows of 3 priorities P1..P4");
		}
	}

	/** Causes and, for each, the alerting CIs it explains. */
	public record Correlation(List<String> causes, Map<String, List<String>> symptoms) {
	}

	/**
	 * @param alerting alerting CI ids, in the order given
	 * @param impactOf for each alerting CI, the CIs impacted if it fails (its upstream blast radius)
	 */
	public static Correlation correlate(List<String> alerting, Map<String, Set<String>> impactOf) {
		List<String> causes = new ArrayList<>();
		for (String a : alerting) {
			boolean explained = alerting.stream().anyMatch(b -> !b.equals(a) && impactOf.getOrDefault(b, Set.of()).contains(a)
					&& !impactOf.getOrDefault(a, Set.of()).contains(b));
			if (!explained) {
				causes.add(a);
			}
		}
		if (causes.isEmpty()) {
			// a dependency cycle explains everything: the CI with the widest impact is the likeliest cause
			causes.add(alerting.stream().max(Comparator.comparingInt(a -> impactOf.getOrDefault(a, Set.of()).size())).orElseThrow());
		}
		Map<String, List<String>> symptoms = new LinkedHashMap<>();
		causes.forEach(c -> symptoms.put(c, new ArrayList<>()));
		for (String a : alerting) {
			if (causes.contains(a)) {
				continue;
			}
			causes.stream().filter(c -> impactOf.getOrDefault(c, Set.of()).contains(a)).findFirst()
				.ifPresent(c -> symptoms.get(c).add(a));
		}
		return new Correlation(causes, symptoms);
	}

	/** Impact (1 high .. 3 low) from the worst-hit service, urgency from whether it is down or degraded. */
	public record Priority(String priority, int impact, int urgency, String reason) {
	}

	/** The matrix cell: impact and urgency 1 (high) .. 3 (low). */
	public String priority(int impact, int urgency) {
		return matrix.get(Math.max(1, Math.min(3, impact)) - 1).get(Math.max(1, Math.min(3, urgency)) - 1);
	}

	public Priority priority(List<BlastRadius.Impacted> services) {
		int impact = 3;
		int urgency = 3;
		String reason = "no business or application service impacted";
		for (BlastRadius.Impacted s : services) {
			int tier = s.criticality() == null ? 4 : s.criticality();
			int i = tier <= 1 ? 1 : tier == 2 ? 2 : 3;
			int u = s.state() == ImpactState.DOWN ? 1 : 2;
			if (i < impact || (i == impact && u < urgency)) {
				impact = i;
				urgency = u;
				reason = "tier-" + (tier == 4 ? "?" : tier) + " service " + s.state().name().toLowerCase();
			}
		}
		return new Priority(matrix.get(impact - 1).get(urgency - 1), impact, urgency, reason);
	}

}
