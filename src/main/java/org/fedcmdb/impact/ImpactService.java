package org.fedcmdb.impact;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.CiView;
import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.stereotype.Service;

/**
 * What change reviewers and incident responders ask: blast radius, change assessment (risk, change type, conflicts,
 * blackouts) and incident assessment (priority, probable causes, alert grouping, assignment).
 */
@Service
public class ImpactService {

	private final ImpactTraversal traversal;

	private final ImpactProperties properties;

	private final RiskPolicy risk;

	private final IncidentPolicy incidents;

	private final CiReadService reads;

	private final Driver driver;

	private final CypherCatalog cypher;

	ImpactService(ImpactTraversal traversal, ImpactProperties properties, CiReadService reads, Driver driver,
			CypherCatalog cypher) {
		this.traversal = traversal;
		this.properties = properties;
		this.risk = new RiskPolicy(properties);
		this.incidents = new IncidentPolicy(properties.priorityMatrix());
		this.reads = reads;
		this.driver = driver;
		this.cypher = cypher;
	}

	public BlastRadius blastRadius(ImpactQuery q, Duration budget) {
		return traversal.run(q, budget);
	}

	/** The configured impact x urgency matrix's priority (P1..P4) for impact and urgency 1 (high) .. 3 (low). */
	public String priority(int impact, int urgency) {
		return incidents.priority(impact, urgency);
	}

	public int defaultLimit() {
		return properties.defaultLimit();
	}

	/** A registered change as an ITSM posted it. */
	public record RegisteredChange(String id, String ticketId, List<String> ciIds, Instant plannedStart,
			Instant plannedEnd, String summary) {
	}

	public record ChangeResult(BlastRadius blastRadius, RiskPolicy.Assessment assessment, List<RegisteredChange> conflicts,
			List<ImpactProperties.Blackout> blackouts) {
	}

	public ChangeResult assessChange(List<String> ciIds, Instant start, Instant end, Integer maxDepth, Duration budget) {
		return assessChange(ciIds, start, end, maxDepth, budget, null);
	}

	/** @param asOf epoch milliseconds: the blast radius and risk as the graph was then; null: now */
	public ChangeResult assessChange(List<String> ciIds, Instant start, Instant end, Integer maxDepth, Duration budget,
			Long asOf) {
		BlastRadius br = traversal.run(new ImpactQuery(ciIds, ImpactQuery.Direction.UPSTREAM, maxDepth, null, false,
				properties.defaultLimit(), asOf), budget);
		Set<String> footprint = footprint(br);
		List<RegisteredChange> conflicts = new ArrayList<>();
		if (start != null && end != null) {
			for (Map<String, Object> c : overlapping(start, end)) {
				Set<String> theirs = new HashSet<>(strings(c.get("impactedIds")));
				theirs.addAll(strings(c.get("ciIds")));
				theirs.retainAll(footprint);
				if (!theirs.isEmpty()) {
					conflicts.add(toChange(c));
				}
			}
		}
		List<ImpactProperties.Blackout> blackouts = new ArrayList<>();
		if (start != null) {
			Instant e = end == null ? start : end;
			for (ImpactProperties.Blackout b : properties.blackouts()) {
				if (b.start().isBefore(e.equals(start) ? e.plusMillis(1) : e) && b.end().isAfter(start)) {
					blackouts.add(b);
				}
			}
		}
		Map<String, CiView> views = reads.byIds(br.services().stream().map(BlastRadius.Impacted::ciId).toList());
		RiskPolicy.Assessment a = risk.assess(br, id -> views.containsKey(id) ? views.get(id).name() : id,
				conflicts.stream().map(RegisteredChange::ticketId).toList(),
				blackouts.stream().map(ImpactProperties.Blackout::name).toList(), start, end);
		return new ChangeResult(br, a, conflicts, blackouts);
	}

	private static Set<String> footprint(BlastRadius br) {
		Set<String> ids = new LinkedHashSet<>(br.startIds());
		br.impacted().forEach(i -> ids.add(i.ciId()));
		return ids;
	}

	public RegisteredChange registerChange(String ticketId, List<String> ciIds, Instant start, Instant end,
			String summary, Duration budget) {
		if (!end.isAfter(start)) {
			throw new IllegalArgumentException("plannedEnd must be after plannedStart");
		}
		BlastRadius br = traversal.run(new ImpactQuery(ciIds, ImpactQuery.Direction.UPSTREAM, null, null, false,
				properties.defaultLimit()), budget);
		if (br.startIds().isEmpty()) {
			throw new IllegalArgumentException("none of the CIs " + ciIds + " exists");
		}
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("ticketId", ticketId);
		params.put("ciIds", br.startIds());
		params.put("start", start.toEpochMilli());
		params.put("end", end.toEpochMilli());
		params.put("summary", summary);
		params.put("impactedIds", br.impacted().stream().map(BlastRadius.Impacted::ciId).toList());
		params.put("now", System.currentTimeMillis());
		try (Session s = driver.session()) {
			Map<String, Object> c = s.executeWrite(tx -> tx.run(cypher.get("change-register"), params).single()
				.get("change").asMap());
			return toChange(c);
		}
	}

	public List<RegisteredChange> registeredChanges(Instant from, Instant to) {
		return overlapping(from == null ? Instant.EPOCH : from, to == null ? Instant.parse("9999-12-31T00:00:00Z") : to)
			.stream().map(ImpactService::toChange).toList();
	}

	private List<Map<String, Object>> overlapping(Instant start, Instant end) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get("change-overlapping"),
					Map.of("start", start.toEpochMilli(), "end", end.toEpochMilli())).list(r -> r.get("change").asMap()));
		}
	}

	private static RegisteredChange toChange(Map<String, Object> c) {
		return new RegisteredChange((String) c.get("id"), (String) c.get("ticketId"), strings(c.get("ciIds")),
				Instant.ofEpochMilli(((Number) c.get("start")).longValue()),
				Instant.ofEpochMilli(((Number) c.get("end")).longValue()), (String) c.get("summary"));
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object o) {
		return o == null ? List.of() : (List<String>) o;
	}

	public record IncidentResult(IncidentPolicy.Priority priority, List<BlastRadius.Impacted> services,
			IncidentPolicy.Correlation correlation, String assignmentGroup, List<String> reasons) {
	}

	public IncidentResult assessIncident(List<String> ciIds, Duration budget) {
		return assessIncident(ciIds, budget, null);
	}

	/**
	 * @param asOf epoch milliseconds: the impact as the graph was then (merged CIs as they were before their merge);
	 * null: now
	 */
	public IncidentResult assessIncident(List<String> ciIds, Duration budget, Long asOf) {
		long deadline = System.nanoTime() + budget.toNanos();
		List<String> alerting = new ArrayList<>();
		int missing = 0;
		Map<String, Set<String>> impactOf = new LinkedHashMap<>();
		Map<String, BlastRadius.Impacted> services = new LinkedHashMap<>();
		for (String given : new LinkedHashSet<>(ciIds)) {
			BlastRadius br = traversal.run(new ImpactQuery(List.of(given), ImpactQuery.Direction.UPSTREAM, null, null, false,
					properties.defaultLimit(), asOf), Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
			if (br.startIds().isEmpty()) {
				missing++;
				continue;
			}
			if (alerting.contains(br.startIds().get(0))) {
				continue; // one already asked about under another of its ids
			}
			String a = br.startIds().get(0);
			alerting.add(a);
			impactOf.put(a, new HashSet<>(br.impacted().stream().map(BlastRadius.Impacted::ciId).toList()));
			for (BlastRadius.Impacted s : br.services()) {
				services.merge(s.ciId(), s, (x, y) -> x.state() == ImpactState.DOWN || y.state() != ImpactState.DOWN
						? (x.depth() <= y.depth() || x.state() == ImpactState.DOWN ? x : y) : y);
			}
		}
		List<BlastRadius.Impacted> ranked = new ArrayList<>(services.values());
		ranked.sort(java.util.Comparator.comparing((BlastRadius.Impacted i) -> i.criticality() == null ? Integer.MAX_VALUE : i.criticality())
			.thenComparing(i -> i.state() == ImpactState.DOWN ? 0 : 1).thenComparingInt(BlastRadius.Impacted::depth));
		IncidentPolicy.Correlation correlation = alerting.isEmpty() ? new IncidentPolicy.Correlation(List.of(), Map.of())
				: IncidentPolicy.correlate(alerting, impactOf);
		IncidentPolicy.Priority priority = incidents.priority(ranked);
		String group = correlation.causes().isEmpty() ? null : supportGroup(correlation.causes().get(0));
		List<String> reasons = new ArrayList<>();
		reasons.add(priority.priority() + ": impact " + priority.impact() + " x urgency " + priority.urgency() + " ("
				+ priority.reason() + ")");
		if (alerting.size() > 1) {
			reasons.add(alerting.size() + " alerting CIs correlated into " + correlation.causes().size()
					+ " probable cause(s)");
		}
		if (missing > 0) {
			reasons.add(missing + " given CI id(s) do not exist" + (asOf == null ? "" : " at that time"));
		}
		return new IncidentResult(priority, ranked, correlation, group, reasons);
	}

	/**
	 * The support group of the CI, or of the nearest CI that declares one, searched breadth-first in both directions
	 * over dependency edges (at most 4 hops); at equal distance the first found wins.
	 */
	public String supportGroup(String ciId) {
		Set<String> seen = new HashSet<>(List.of(ciId));
		List<String> frontier = List.of(ciId);
		try (Session s = driver.session()) {
			var own = s.executeRead(tx -> tx.run(cypher.get("impact-support-group"), Map.of("id", ciId)).list());
			if (!own.isEmpty() && !own.get(0).get("sg").isNull()) {
				return own.get(0).get("sg").asString();
			}
			for (int depth = 0; depth < 4 && !frontier.isEmpty(); depth++) {
				List<String> current = frontier;
				var rows = s.executeRead(tx -> tx.run(cypher.get("impact-neighbours"), Map.of("frontier", current)).list());
				List<String> next = new ArrayList<>();
				String found = null;
				for (var r : rows) {
					String id = r.get("id").asString();
					if (seen.add(id)) {
						next.add(id);
						if (found == null && !r.get("supportGroup").isNull()) {
							found = r.get("supportGroup").asString();
						}
					}
				}
				if (found != null) {
					return found;
				}
				frontier = next;
			}
		}
		return null;
	}

}
