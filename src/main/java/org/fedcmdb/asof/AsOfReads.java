package org.fedcmdb.asof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.CiView;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.fedcmdb.graph.Revisions;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Service;

/**
 * One CI, and its relationships, as they were at an instant. A CI exists from its createdAt; a merged CI's kept node
 * answers for its id before the merge, the survivor after; effective values (attributes, identifiers, name, status)
 * are the stored ones with the history entries recorded after the instant undone ({@link Revisions}).
 */
@Service
public class AsOfReads {

	private final Driver driver;

	private final CypherCatalog cypher;

	private final ClassCatalogue catalogue;

	AsOfReads(Driver driver, CypherCatalog cypher, ClassCatalogue catalogue) {
		this.driver = driver;
		this.cypher = cypher;
		this.catalogue = catalogue;
	}

	/** A relationship at an instant; until is null while it was (and is) live. */
	public record Rel(String type, String direction, String otherId, List<String> sources, Long since, Long until) {
	}

	/** The CI the id named at epoch millisecond t, as it was then; empty when no CI had the id then. */
	public Optional<CiView> ci(String id, long t) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> {
				Record r = tx.run(cypher.get("asof-ci"), Map.of("id", id)).single();
				Map<String, Object> merged = r.get("merged").isNull() ? null : r.get("merged").asMap();
				Map<String, Object> ci = r.get("ci").isNull() ? null : r.get("ci").asMap();
				boolean mergedThen = merged != null && ((Number) merged.get("mergedAt")).longValue() > t;
				Map<String, Object> node = mergedThen ? new LinkedHashMap<>(merged) : ci;
				if (node == null || created(node) > t) {
					return Optional.<CiView>empty();
				}
				if (mergedThen) {
					node.put("merged", true);
				}
				return Optional.of(views(tx, List.of(node), t).get(0));
			});
		}
	}

	/** The nodes' CIs as of t: the history entries after t undone for those revised since. */
	private List<CiView> views(TransactionContext tx, List<Map<String, Object>> nodes, long t) {
		List<String> live = new ArrayList<>();
		List<String> merged = new ArrayList<>();
		for (Map<String, Object> n : nodes) {
			if (revisedAfter(n, t)) {
				(Boolean.TRUE.equals(n.get("merged")) ? merged : live).add((String) n.get("id"));
			}
		}
		Map<String, List<Revisions.Entry>> entries = new HashMap<>();
		entries(tx, "asof-changes", live, t, entries);
		entries(tx, "asof-changes-merged", merged, t, entries);
		return nodes.stream().map(n -> view(n, Boolean.TRUE.equals(n.get("merged")),
				entries.getOrDefault((String) n.get("id"), List.of()), t)).toList();
	}

	private void entries(TransactionContext tx, String query, List<String> ids, long t,
			Map<String, List<Revisions.Entry>> into) {
		if (ids.isEmpty()) {
			return;
		}
		for (Record e : tx.run(cypher.get(query), Map.of("ids", ids, "t", t)).list()) {
			into.computeIfAbsent(e.get("id").asString(), k -> new ArrayList<>()).add(new Revisions.Entry(
					e.get("kind").asString(), e.get("field").asString(null), e.get("oldValue").asString(null),
					e.get("at").asLong()));
		}
	}

	/**
	 * One page of CIs as of t in id order after the cursor, the filter applied to their values then (source: the
	 * sources asserting them now). Candidates are read in batches until the page is full.
	 */
	public List<CiView> page(CiReadService.Filter f, String after, int limit, long t) {
		List<CiView> out = new ArrayList<>();
		String cursor = after;
		try (Session s = driver.session()) {
			while (out.size() < limit) {
				Map<String, Object> p = new HashMap<>();
				p.put("classes", f.classes());
				p.put("source", f.source());
				p.put("after", cursor);
				p.put("t", t);
				p.put("limit", BATCH);
				List<Map<String, Object>> nodes = s.executeRead(tx -> tx.run(cypher.get("asof-ci-page"), p)
					.list(r -> r.get("ci").asMap()));
				if (nodes.isEmpty()) {
					break;
				}
				List<CiView> views = s.executeRead(tx -> views(tx, nodes, t));
				for (CiView v : views) {
					if (out.size() < limit && matches(f, v)) {
						out.add(v);
					}
				}
				cursor = (String) nodes.get(nodes.size() - 1).get("id");
				if (nodes.size() < BATCH) {
					break;
				}
			}
		}
		return out;
	}

	/** How many CIs the filter selects as of t; refused past {@link #MAX_COUNT} (a class or source narrows it). */
	public int count(CiReadService.Filter f, long t) {
		int total = 0;
		String cursor = null;
		while (true) {
			List<CiView> page = page(f, cursor, BATCH, t);
			total += page.size();
			if (total > MAX_COUNT) {
				throw new AsOfException("AS_OF_TOO_BROAD", "more than " + MAX_COUNT
						+ " CIs match as of that instant: narrow the filter (class, source) to count them");
			}
			if (page.size() < BATCH) {
				return total;
			}
			cursor = page.get(page.size() - 1).id();
		}
	}

	private static final int BATCH = 1_000;

	static final int MAX_COUNT = 100_000;

	private static boolean matches(CiReadService.Filter f, CiView v) {
		if (f.status() != null && !f.status().equals(v.status())) {
			return false;
		}
		if (f.name() != null && !f.name().equals(v.name())) {
			return false;
		}
		if (f.nameContains() != null
				&& (v.name() == null || !v.name().toLowerCase(java.util.Locale.ROOT).contains(f.nameContains()))) {
			return false;
		}
		if (f.tokens() != null) {
			List<String> tokens = new ArrayList<>();
			v.identifiers().forEach((k, vs) -> vs.forEach(x -> tokens.add(k + "=" + x)));
			return f.tokens().stream().anyMatch(tokens::contains);
		}
		return true;
	}

	private CiView view(Map<String, Object> node, boolean merged, List<Revisions.Entry> entries, long t) {
		Revisions.Values then = Revisions.revert((String) node.get("status"), Json.readMap((String) node.get("attributes")),
				Json.readIdentifiers((String) node.get("identifiers")), (String) node.get("name"), entries);
		Map<String, Object> p = new LinkedHashMap<>(node);
		p.put("status", then.status());
		p.put("attributes", Json.write(then.attributes()));
		p.put("identifiers", Json.write(then.identifiers()));
		p.put("name", then.name());
		p.put("criticality", then.criticality());
		p.put("owner", then.attributes().get("owner"));
		p.put("supportGroup", then.attributes().get("supportGroup"));
		p.put("minHealthy", then.minHealthy());
		// the store keeps a CI's latest sighting, not each one: one after t says nothing of the last one by then
		if (p.get("lastSeen") instanceof Number last && last.longValue() > t) {
			p.put("lastSeen", null);
		}
		if (merged) {
			p.put("labels", catalogue.get((String) node.get("class")).labels());
		}
		return CiView.of(p);
	}

	static long created(Map<String, Object> node) {
		Object c = node.get("createdAt") != null ? node.get("createdAt") : node.get("firstSeen");
		return c instanceof Number n ? n.longValue() : 0L;
	}

	private static boolean revisedAfter(Map<String, Object> node, long t) {
		return node.get("createdAt") == null || node.get("revisedAt") instanceof Number r && r.longValue() > t;
	}

	/** The CI's relationships valid at epoch millisecond t, at most {@code first} per direction. */
	public List<Rel> relationships(String id, boolean outgoing, boolean incoming, List<String> types, int first, long t) {
		Map<String, Object> params = Map.of("id", id, "outgoing", outgoing, "incoming", incoming, "types", types,
				"first", first, "t", t);
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get("asof-relationships"), params).list(r -> new Rel(
					r.get("type").asString(), r.get("direction").asString(), r.get("other").asString(),
					r.get("sources").isNull() ? List.of() : r.get("sources").asList(Value::asString),
					r.get("since").isNull() ? null : r.get("since").asLong(),
					r.get("until").isNull() ? null : r.get("until").asLong())));
		}
	}


	/** A relationship among CIs at an instant. */
	public record Edge(String from, String to, String type) {
	}

	/** The relationships of these types among these CIs valid at epoch millisecond t. */
	public List<Edge> edgesAmong(List<String> ids, List<String> types, long t) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get("asof-edges-among"), Map.of("ids", ids, "types", types, "t", t))
				.list(r -> new Edge(r.get("from").asString(), r.get("to").asString(), r.get("type").asString())));
		}
	}

}
