package org.fedcmdb.asof;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.fedcmdb.impact.BlastRadius;
import org.fedcmdb.impact.ImpactQuery;
import org.fedcmdb.impact.ImpactService;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Service;

/**
 * What changed between two instants within a scope: CIs added, retired and merged away, effective values changed
 * (field, old, new, source) and relationships added and removed. Read from the validity intervals (CIs' createdAt and
 * mergedAt, relationships' since and until) and the history entries, within a scope: the blast radius of given CIs as
 * of either instant, a class, a source, or their intersection.
 */
@Service
public class GraphDiffs {

	/** At most this many CIs in a scope: a diff of more is a question for an export, not a query. */
	static final int MAX_SCOPE = 50_000;

	private final Driver driver;

	private final CypherCatalog cypher;

	private final ClassCatalogue catalogue;

	private final ImpactService impact;

	GraphDiffs(Driver driver, CypherCatalog cypher, ClassCatalogue catalogue, ImpactService impact) {
		this.driver = driver;
		this.cypher = cypher;
		this.catalogue = catalogue;
		this.impact = impact;
	}

	/**
	 * @param ciIds the blast radius of these CIs (with them) as of either instant; null: no such bound
	 * @param className CIs of this class or its subclasses; null: no such bound
	 * @param source CIs this source asserts or asserted; null: no such bound
	 */
	public record Scope(List<String> ciIds, ImpactQuery.Direction direction, Integer maxDepth, String className,
			String source) {
	}

	public record CiChange(String id, String className, String name, long at, String mergedInto) {
	}

	public record FieldChange(String ciId, long at, String kind, String field, Object oldValue, Object newValue,
			String source, String snapshotId) {
	}

	public record RelationshipChange(String type, String from, String to, long at, Long since, Long until,
			List<String> sources) {
	}

	public record Diff(long from, long to, int scopeSize, List<CiChange> added, List<CiChange> retired,
			List<CiChange> merged, List<FieldChange> changed, List<RelationshipChange> relationshipsAdded,
			List<RelationshipChange> relationshipsRemoved, boolean truncated) {
	}

	/** @param from, to epoch milliseconds, from before to; limit: at most this many entries per list */
	public Diff diff(long from, long to, Scope scope, int limit, Duration budget) {
		if (from >= to) {
			throw new AsOfException("INVALID_WINDOW", "from must be before to");
		}
		List<String> ids = scopeIds(from, to, scope, budget);
		Map<String, Object> params = Map.of("ids", ids, "from", from, "to", to, "limit", limit + 1, "types",
				List.copyOf(ClassCatalogue.RELATIONSHIP_TYPES));
		try (Session s = driver.session()) {
			return s.executeRead(tx -> {
				List<CiChange> added = new ArrayList<>();
				List<CiChange> merged = new ArrayList<>();
				for (Record r : tx.run(cypher.get("asof-diff-cis"), params).list()) {
					Long createdAt = r.get("createdAt").isNull() ? null : r.get("createdAt").asLong();
					CiChange c = new CiChange(r.get("id").asString(), r.get("class").asString(null),
							r.get("name").asString(null), 0, r.get("mergedInto").asString(null));
					if (createdAt != null && createdAt > from && createdAt <= to) {
						added.add(withAt(c, createdAt));
					}
					if (!r.get("mergedAt").isNull() && r.get("mergedAt").asLong() > from && r.get("mergedAt").asLong() <= to) {
						merged.add(withAt(c, r.get("mergedAt").asLong()));
					}
				}
				List<FieldChange> changed = tx.run(cypher.get("asof-diff-changes"), params).list(GraphDiffs::fieldChange);
				List<CiChange> retired = changed.stream()
					.filter(c -> c.kind().equals("STATUS") && "RETIRED".equals(c.newValue()))
					.map(c -> new CiChange(c.ciId(), null, null, c.at(), null)).toList();
				List<RelationshipChange> addedRels = new ArrayList<>();
				List<RelationshipChange> removedRels = new ArrayList<>();
				for (Record r : tx.run(cypher.get("asof-diff-edges"), params).list()) {
					long since = r.get("since").asLong(0);
					Long until = r.get("until").isNull() ? null : r.get("until").asLong();
					List<String> sources = r.get("sources").isNull() ? List.of() : r.get("sources").asList(Value::asString);
					if (since > from && since <= to) {
						addedRels.add(new RelationshipChange(r.get("type").asString(), r.get("from").asString(),
								r.get("to").asString(), since, since, until, sources));
					}
					if (until != null && until > from && until <= to) {
						removedRels.add(new RelationshipChange(r.get("type").asString(), r.get("from").asString(),
								r.get("to").asString(), until, since, until, sources));
					}
				}
				boolean truncated = added.size() + merged.size() > limit || changed.size() > limit
						|| addedRels.size() + removedRels.size() > limit;
				return new Diff(from, to, ids.size(), cap(added, limit), cap(retired, limit), cap(merged, limit),
						cap(changed, limit), cap(addedRels, limit), cap(removedRels, limit), truncated);
			});
		}
	}

	private static CiChange withAt(CiChange c, long at) {
		return new CiChange(c.id(), c.className(), c.name(), at, c.mergedInto());
	}

	private static FieldChange fieldChange(Record r) {
		return new FieldChange(r.get("ciId").asString(), r.get("at").asLong(), r.get("kind").asString(),
				r.get("field").asString(null), value(r.get("oldValue")), value(r.get("newValue")),
				r.get("source").asString(null), r.get("snapshotId").asString(null));
	}

	/** History values are JSON; a MERGED or SPLIT entry's are bare CI ids. */
	private static Object value(Value v) {
		if (v.isNull()) {
			return null;
		}
		try {
			return Json.readValue(v.asString());
		}
		catch (RuntimeException ex) {
			return v.asString();
		}
	}

	private static <T> List<T> cap(List<T> list, int limit) {
		return list.size() > limit ? List.copyOf(list.subList(0, limit)) : list;
	}

	/** The scope's CIs: the intersection of the bounds given; at least one bound is required. */
	private List<String> scopeIds(long from, long to, Scope scope, Duration budget) {
		Set<String> ids = null;
		if (scope.ciIds() != null) {
			ids = radius(from, to, scope, budget);
		}
		if (scope.className() != null) {
			if (!catalogue.contains(scope.className())) {
				throw new AsOfException("UNKNOWN_CLASS", "no class named " + scope.className());
			}
			ids = intersect(ids, query("asof-scope-class", Map.of("classes", List.copyOf(catalogue.withSubclasses(scope.className())))));
		}
		if (scope.source() != null) {
			ids = intersect(ids, query("asof-scope-source", Map.of("source", scope.source())));
		}
		if (ids == null) {
			throw new AsOfException("SCOPE_REQUIRED", "give a scope: ciIds, class or source");
		}
		return List.copyOf(ids);
	}

	private Set<String> radius(long from, long to, Scope scope, Duration budget) {
		if (scope.ciIds().isEmpty() || scope.ciIds().size() > 1000) {
			throw new AsOfException("INVALID_ARGUMENT", "scope.ciIds must name 1 to 1000 CIs");
		}
		Set<String> ids = new LinkedHashSet<>();
		for (long t : new long[] { from, to }) {
			BlastRadius br = impact.blastRadius(new ImpactQuery(scope.ciIds(), scope.direction(), scope.maxDepth(), null,
					true, MAX_SCOPE, t), budget);
			if (br.truncated() && !"DEPTH".equals(br.truncatedBy())) {
				throw new AsOfException("SCOPE_TOO_LARGE", "the scope's blast radius passes " + MAX_SCOPE
						+ " CIs or the time limit: give a maxDepth, a class or a source");
			}
			ids.addAll(br.startIds());
			br.impacted().forEach(i -> ids.add(i.ciId()));
		}
		return ids;
	}

	private Set<String> query(String name, Map<String, Object> params) {
		Map<String, Object> p = new java.util.HashMap<>(params);
		p.put("limit", MAX_SCOPE + 1);
		try (Session s = driver.session()) {
			List<String> ids = s.executeRead(tx -> tx.run(cypher.get(name), p).list(r -> r.get("id").asString()));
			if (ids.size() > MAX_SCOPE) {
				throw new AsOfException("SCOPE_TOO_LARGE", "the scope passes " + MAX_SCOPE + " CIs: narrow it");
			}
			return new LinkedHashSet<>(ids);
		}
	}

	private static Set<String> intersect(Set<String> a, Set<String> b) {
		if (a == null) {
			return b;
		}
		a.retainAll(b);
		return a;
	}

}
