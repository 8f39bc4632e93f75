package org.fedcmdb.impact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a change's blast radius into a risk level, a recommended change type and the reasons, from configured
 * thresholds. Pure logic: the reasons are what a CAB reads, so each rule that raises the risk says so in words.
 */
public final class RiskPolicy {

	private final ImpactProperties policy;

	public RiskPolicy(ImpactProperties policy) {
		this.policy = policy;
	}

	public enum Risk {
		LOW, MEDIUM, HIGH, CRITICAL
	}

	public record Assessment(Risk risk, String changeType, List<String> reasons) {
	}

	/**
	 * @param names CI id → display name, for the reasons
	 * @param conflicts registered changes (ticket ids) overlapping in time and blast radius
	 * @param blackouts names of blackout windows the change falls into
	 */
	public Assessment assess(BlastRadius br, Function<String, String> names, List<String> conflicts,
			List<String> blackouts, Instant start, Instant end) {
		Risk risk = Risk.LOW;
		List<String> reasons = new ArrayList<>();
		int dependents = br.impacted().size();
		if (dependents >= policy.sharedInfrastructureCritical()) {
			risk = max(risk, Risk.CRITICAL);
			reasons.add(String.format("touches shared infrastructure: %,d dependents (critical at %,d)", dependents,
					policy.sharedInfrastructureCritical()));
		}
		else if (dependents >= policy.sharedInfrastructure()) {
			risk = max(risk, Risk.HIGH);
			reasons.add(String.format("touches shared infrastructure: %,d dependents", dependents));
		}
		else if (dependents >= policy.mediumDependents()) {
			risk = max(risk, Risk.MEDIUM);
			reasons.add(String.format("%,d dependent CIs", dependents));
		}
		if (br.truncated()) {
			risk = max(risk, Risk.HIGH);
			reasons.add("blast radius larger than the query limit (" + br.truncatedBy() + "): at least " + dependents
					+ " dependents");
		}
		for (BlastRadius.Impacted s : br.services()) {
			Integer tier = s.criticality();
			String what = (tier == null ? "" : "tier-" + tier + " ") + "service " + names.apply(s.ciId());
			if (tier != null && tier == 1) {
				risk = max(risk, s.state() == ImpactState.DOWN ? Risk.HIGH : Risk.MEDIUM);
				reasons.add("impacts " + what + (s.state() == ImpactState.DEGRADED ? " (degraded: redundancy holds)" : ""));
			}
			else if (tier != null && tier == 2 && s.state() == ImpactState.DOWN) {
				risk = max(risk, Risk.MEDIUM);
				reasons.add("impacts " + what);
			}
		}
		if (!blackouts.isEmpty()) {
			risk = max(risk, Risk.CRITICAL);
			reasons.add("falls into blackout window " + String.join(", ", blackouts));
		}
		if (!conflicts.isEmpty()) {
			risk = raise(risk);
			reasons.add("overlaps registered change " + String.join(", ", conflicts) + " in time and blast radius");
		}
		if (start != null && end != null && !end.isAfter(start)) {
			reasons.add("the planned window ends before it starts");
			risk = max(risk, Risk.MEDIUM);
		}
		boolean tierOne = br.services().stream().anyMatch(s -> s.criticality() != null && s.criticality() == 1);
		boolean standard = risk == Risk.LOW && dependents <= policy.standardMaxDependents() && !tierOne
				&& conflicts.isEmpty() && blackouts.isEmpty() && !br.truncated();
		if (reasons.isEmpty()) {
			reasons.add(dependents == 0 ? "no dependents" : dependents + " dependent CI(s), no critical service");
		}
		reasons.add(standard ? "eligible for pre-approval (STANDARD)" : "needs CAB review (NORMAL)");
		return new Assessment(risk, standard ? "STANDARD" : "NORMAL", reasons);
	}

	private static Risk max(Risk a, Risk b) {
		return a.ordinal() >= b.ordinal() ? a : b;
	}

	private static Risk raise(Risk r) {
		return r == Risk.CRITICAL ? r : Risk.values()[r.ordinal() + 1];
	}

}
