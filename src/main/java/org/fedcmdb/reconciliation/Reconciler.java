package org.fedcmdb.reconciliation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes a CI's effective attributes from what each source asserts. Pure logic on plain records so that every rule
 * is unit-tested without a database.
 * <ul>
 * <li>Per attribute, the sources are ranked by the most specific rule (attribute rule, then class rule, then the
 * default, walking up the class's ancestry); sources the rule does not name come after those it names, most recent
 * first.</li>
 * <li>A value older than its source's staleness window does not win while any fresh value exists.</li>
 * <li>A value of a source that withdrew its assertion (stopped reporting the CI) is the last known value: it wins only
 * where no asserting source has one.</li>
 * <li>{@code null} never overwrites: a source that reports null for an attribute keeps its previous value (the
 * caller never stores nulls), and a source without the attribute does not blank it.</li>
 * </ul>
 */
public final class Reconciler {

	private final RulesConfig rules;

	public Reconciler(RulesConfig rules) {
		this.rules = rules;
	}

	/**
	 * @param ancestry the class and its ancestors, most specific first
	 * @param now epoch millis
	 */
	public Map<String, Resolved> resolve(List<String> ancestry, List<SourceView> views, long now) {
		TreeSet<String> attributes = new TreeSet<>();
		views.forEach(v -> attributes.addAll(v.values().keySet()));
		Map<String, Resolved> out = new TreeMap<>();
		for (String attribute : attributes) {
			out.put(attribute, resolveOne(ancestry, attribute, views, now));
		}
		return out;
	}

	Resolved resolveOne(List<String> ancestry, String attribute, List<SourceView> views, long now) {
		AuthorityRule rule = rules.ruleFor(ancestry, attribute);
		List<Resolved.Candidate> candidates = new ArrayList<>();
		for (SourceView v : views) {
			Observation o = v.values().get(attribute);
			if (o != null && o.value() != null) {
				candidates.add(new Resolved.Candidate(v.source(), o.value(), o.observedAt(),
						isStale(v.source(), o.observedAt(), now), v.withdrawn()));
			}
		}
		Comparator<Resolved.Candidate> byRank = Comparator.comparingInt(c -> rank(rule, c.source()));
		Comparator<Resolved.Candidate> order = Comparator.comparing(Resolved.Candidate::withdrawn)
			.thenComparing(Resolved.Candidate::stale)
			.thenComparing(byRank)
			.thenComparing(Comparator.comparingLong(Resolved.Candidate::observedAt).reversed())
			.thenComparing(Resolved.Candidate::source);
		candidates.sort(order);
		Resolved.Candidate winner = candidates.get(0);
		String reason;
		if (winner.withdrawn()) {
			reason = "FALLBACK_WITHDRAWN";
		}
		else if (winner.stale()) {
			reason = "FALLBACK_STALE";
		}
		else if (rule != null && rank(rule, winner.source()) < Integer.MAX_VALUE) {
			reason = "AUTHORITATIVE";
		}
		else {
			reason = "MOST_RECENT";
		}
		return new Resolved(attribute, winner.value(), winner.source(), winner.observedAt(), reason,
				rule == null ? null : describe(rule), List.copyOf(candidates));
	}

	/** The rule that ranks sources for this attribute, as text ("Host.os: host-agent* > nmap*"), or null. */
	public String describeRule(List<String> ancestry, String attribute) {
		AuthorityRule rule = rules.ruleFor(ancestry, attribute);
		return rule == null ? null : describe(rule);
	}

	public boolean isStale(String source, long observedAt, long now) {
		Duration window = rules.source(source).staleAfter();
		return observedAt + window.toMillis() < now;
	}

	private static int rank(AuthorityRule rule, String source) {
		if (rule == null) {
			return Integer.MAX_VALUE;
		}
		for (int i = 0; i < rule.sources().size(); i++) {
			String s = rule.sources().get(i);
			if (s.endsWith("*") ? source.startsWith(s.substring(0, s.length() - 1)) : s.equals(source)) {
				return i;
			}
		}
		return Integer.MAX_VALUE;
	}

	private static String describe(AuthorityRule rule) {
		return rule.className() + (rule.attribute() == null ? "" : "." + rule.attribute()) + ": "
				+ String.join(" > ", rule.sources());
	}

}
