package org.fedcmdb.reconciliation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The reconciliation rules as data: registered sources, authority rules, retirement and withdrawal safety. Validated
 * on construction so that a wrong rules file stops the server with a clear message instead of mis-reconciling.
 */
public final class RulesConfig {

	private final List<SourceDefinition> sources;

	private final List<AuthorityRule> authority;

	private final Duration retireAfter;

	private final double maxWithdrawShare;

	private final SourceDefinition fallback;

	public RulesConfig(List<SourceDefinition> sources, List<AuthorityRule> authority, Duration retireAfter,
			double maxWithdrawShare, Set<String> knownClasses) {
		for (AuthorityRule r : authority) {
			if (!r.className().equals("*") && !knownClasses.contains(r.className())) {
				throw new IllegalArgumentException("authority rule names unknown class " + r.className());
			}
			if (r.sources() == null || r.sources().isEmpty()) {
				throw new IllegalArgumentException("authority rule for " + r.className() + " lists no sources");
			}
		}
		for (SourceDefinition s : sources) {
			if (s.name() == null || !s.name().matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}\\*?")) {
				throw new IllegalArgumentException("source name '" + s.name() + "' is invalid");
			}
			if (s.staleAfter() == null || s.staleAfter().isNegative() || s.staleAfter().isZero()) {
				throw new IllegalArgumentException("source " + s.name() + " needs a positive staleAfter");
			}
			for (String c : s.insertDeniedClasses()) {
				if (!knownClasses.contains(c)) {
					throw new IllegalArgumentException("source " + s.name() + " denies inserts of unknown class " + c);
				}
			}
		}
		if (maxWithdrawShare <= 0 || maxWithdrawShare > 1) {
			throw new IllegalArgumentException("withdrawal.maxShare must be in (0, 1]");
		}
		this.sources = List.copyOf(sources);
		this.authority = List.copyOf(authority);
		this.retireAfter = retireAfter;
		this.maxWithdrawShare = maxWithdrawShare;
		this.fallback = new SourceDefinition("?", Duration.ofDays(7), false, List.of(), null);
	}

	/** The definition covering {@code source}, or null when it is not registered. */
	public SourceDefinition find(String source) {
		for (SourceDefinition s : sources) {
			if (s.covers(source)) {
				return s;
			}
		}
		return null;
	}

	SourceDefinition source(String source) {
		SourceDefinition s = find(source);
		return s == null ? fallback : s;
	}

	public boolean mayInsert(String source, String className, BiPredicate<String, String> isA) {
		SourceDefinition s = find(source);
		return s != null && s.mayInsert(className, isA);
	}

	public Duration staleAfter(String source) {
		return source(source).staleAfter();
	}

	/** The window of a source no registered definition covers. */
	public Duration defaultStaleAfter() {
		return fallback.staleAfter();
	}

	/** Most specific rule for the attribute: attribute rule, then class rule, walking up; then the default. */
	AuthorityRule ruleFor(List<String> ancestry, String attribute) {
		for (String c : ancestry) {
			for (AuthorityRule r : authority) {
				if (r.className().equals(c) && attribute.equals(r.attribute())) {
					return r;
				}
			}
		}
		for (String c : ancestry) {
			for (AuthorityRule r : authority) {
				if (r.className().equals(c) && r.attribute() == null) {
					return r;
				}
			}
		}
		for (AuthorityRule r : authority) {
			if (r.className().equals("*") && (r.attribute() == null || attribute.equals(r.attribute()))) {
				return r;
			}
		}
		return null;
	}

	public List<SourceDefinition> sources() {
		return sources;
	}

	public List<AuthorityRule> authority() {
		return authority;
	}

	public Duration retireAfter() {
		return retireAfter;
	}

	public double maxWithdrawShare() {
		return maxWithdrawShare;
	}

	public Map<String, Object> describe() {
		return Map.of("sources", sources.size(), "rules", authority.size());
	}

}
