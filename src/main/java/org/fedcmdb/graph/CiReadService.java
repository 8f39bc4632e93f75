package org.fedcmdb.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Service;

/** Reads CIs for the API: by id (following merge aliases), by filter page, their relationships and history. */
@Service
public class CiReadService {

	private final Driver driver;

	private final CypherCatalog cypher;

	CiReadService(Driver driver, CypherCatalog cypher) {
		this.driver = driver;
		this.cypher = cypher;
	}

	/** Resolves ids through merge aliases to surviving CI ids; unknown ids are absent from the result. */
	public Map<String, String> resolve(Collection<String> ids) {
		Map<String, String> out = new LinkedHashMap<>();
		for (Record r : read("ci-resolve-ids", Map.of("ids", List.copyOf(ids)))) {
			if (!r.get("resolved").isNull()) {
				out.put(r.get("id").asString(), r.get("resolved").asString());
			}
		}
		return out;
	}

	public Map<String, CiView> byIds(Collection<String> ids) {
		Map<String, CiView> out = new HashMap<>();
		if (ids.isEmpty()) {
			return out;
		}
		for (Record r : read("ci-by-ids", Map.of("ids", List.copyOf(ids)))) {
			CiView v = CiView.of(r.get("ci").asMap());
			out.put(v.id(), v);
		}
		return out;
	}

	/** Filter of {@link #page}; null fields do not filter. */
	public record Filter(List<String> classes, String status, String name, String nameContains, String source,
			List<String> tokens) {
	}

	public List<CiView> page(Filter f, String after, int limit) {
		Map<String, Object> p = params(f);
		p.put("after", after);
		p.put("limit", limit);
		return read("ci-page", p).stream().map(r -> CiView.of(r.get("ci").asMap())).toList();
	}

	public int count(Filter f) {
		return read("ci-count", params(f)).get(0).get("total").asInt();
	}

	/** How many CIs the filter selects per class, status and source. */
	public record Facets(int total, Map<String, Integer> byClass, Map<String, Integer> byStatus,
			Map<String, Integer> bySource) {
	}

	public Facets facets(Filter f) {
		Map<String, Integer> byClass = new HashMap<>();
		Map<String, Integer> byStatus = new HashMap<>();
		Map<String, Integer> bySource = new HashMap<>();
		int total = 0;
		for (Record r : read("ci-facets", params(f))) {
			int n = r.get("n").asInt();
			total += n;
			byClass.merge(r.get("class").asString(""), n, Integer::sum);
			byStatus.merge(r.get("status").asString(""), n, Integer::sum);
			r.get("sources").asList(Value::asString).forEach(s -> bySource.merge(s, n, Integer::sum));
		}
		return new Facets(total, byClass, byStatus, bySource);
	}

	private static Map<String, Object> params(Filter f) {
		Map<String, Object> p = new HashMap<>();
		p.put("classes", f.classes());
		p.put("status", f.status());
		p.put("name", f.name());
		p.put("nameContains", f.nameContains() == null ? null : f.nameContains().toLowerCase(java.util.Locale.ROOT));
		p.put("source", f.source());
		p.put("tokens", f.tokens());
		return p;
	}

	/** One relationship as seen from a CI. */
	public record Rel(String ciId, String type, String direction, String otherId, List<String> sources, Long since) {
	}

	public Map<String, List<Rel>> relationships(Collection<String> ids, boolean outgoing, boolean incoming,
			List<String> types, int first) {
		Map<String, List<Rel>> out = new HashMap<>();
		for (Record r : read("ci-relationships", Map.of("ids", List.copyOf(ids), "outgoing", outgoing, "incoming",
				incoming, "types", types, "first", first))) {
			Rel rel = new Rel(r.get("id").asString(), r.get("type").asString(), r.get("direction").asString(),
					r.get("other").asString(), r.get("sources").asList(Value::asString),
					r.get("since").isNull() ? null : r.get("since").asLong());
			out.computeIfAbsent(rel.ciId(), k -> new ArrayList<>()).add(rel);
		}
		return out;
	}

	/** A relationship between two CIs, from the dependent to what it needs. */
	public record Edge(String from, String to, String type) {
	}

	/** The relationships of the given types whose both ends are among the given CIs. */
	public List<Edge> edgesAmong(Collection<String> ids, List<String> types) {
		return read("ci-edges-among", Map.of("ids", List.copyOf(ids), "types", types)).stream()
			.map(r -> new Edge(r.get("from").asString(), r.get("to").asString(), r.get("type").asString()))
			.toList();
	}

	/** A CI's newest {@code first} history entries, newest first. */
	public List<HistoryEntry> history(String ciId, int first) {
		return read("ci-history", Map.of("id", ciId, "first", first)).stream().map(r -> HistoryEntry.of(r.get("entry")))
			.toList();
	}

	public Map<String, List<String>> aliases(Collection<String> ids) {
		Map<String, List<String>> out = new HashMap<>();
		read("ci-aliases", Map.of("ids", List.copyOf(ids)))
			.forEach(r -> out.put(r.get("id").asString(), r.get("aliases").asList(Value::asString)));
		return out;
	}

	/** Each CI's assertions, one per source, in source order. */
	public Map<String, List<SourceAssertion>> assertions(Collection<String> ids) {
		Map<String, List<SourceAssertion>> out = new HashMap<>();
		read("ci-assertions", Map.of("ids", List.copyOf(ids)))
			.forEach(r -> out.put(r.get("id").asString(), r.get("assertions").asList(SourceAssertion::of)));
		return out;
	}

	private List<Record> read(String name, Map<String, Object> params) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get(name), params).list());
		}
	}

}
