package org.fedcmdb.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.fedcmdb.catalogue.CiClass;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.reconciliation.RulesConfig;
import org.fedcmdb.reconciliation.SourceDefinition;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/** Computes a {@link HealthReport}: one read transaction per figure, each over an index or one pass of the CIs. */
@Component
class HealthCalculator {

	private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private final Driver driver;

	private final CypherCatalog cypher;

	private final ClassCatalogue catalogue;

	private final RulesConfig rules;

	private final HealthProperties properties;

	HealthCalculator(Driver driver, CypherCatalog cypher, ClassCatalogue catalogue, RulesConfig rules,
			HealthProperties properties) {
		this.driver = driver;
		this.cypher = cypher;
		this.catalogue = catalogue;
		this.rules = rules;
		this.properties = properties;
	}

	HealthReport compute(long now) {
		long started = System.currentTimeMillis();
		Map<String, int[]> statuses = statuses();
		Map<String, Long> cutoffs = new LinkedHashMap<>();
		List<HealthReport.SourceHealth> sources = sources(now, cutoffs);
		long maxCutoff = cutoffs.values().stream().mapToLong(Long::longValue).max().orElse(0);
		Map<String, Object> staleParams = Map.of("cutoffs", cutoffs, "maxCutoff", maxCutoff);
		Map<String, Integer> withStale = new HashMap<>();
		read("health-cis-with-stale-source", staleParams).forEach(r -> withStale.put(r.get("class").asString(), r.get("n").asInt()));
		Map<String, List<Integer>> lacking = completeness();
		List<HealthReport.ClassHealth> classes = new ArrayList<>();
		int total = 0;
		for (Map.Entry<String, int[]> e : new TreeMap<>(statuses).entrySet()) {
			int[] s = e.getValue();
			total += s[0] + s[1] + s[2];
			classes.add(classHealth(e.getKey(), s, lacking.getOrDefault(e.getKey(), List.of()), withStale.getOrDefault(e.getKey(), 0)));
		}
		List<HealthReport.Duplicate> duplicates = new ArrayList<>();
		int duplicateCount = duplicates(duplicates);
		Record pending = read("health-pending-edges", Map.of()).get(0);
		return new HealthReport(now, System.currentTimeMillis() - started, total, classes, sources, duplicateCount,
				duplicates, orphans(), pending.get("n").asInt(),
				pending.get("oldest").isNull() ? null : pending.get("oldest").asLong());
	}

	/** Class to {active, stale, retired}. */
	private Map<String, int[]> statuses() {
		Map<String, int[]> out = new HashMap<>();
		for (Record r : read("health-ci-status", Map.of())) {
			int[] s = out.computeIfAbsent(r.get("class").asString("?"), k -> new int[3]);
			int i = switch (r.get("status").asString("")) {
				case "STALE" -> 1;
				case "RETIRED" -> 2;
				default -> 0;
			};
			s[i] += r.get("n").asInt();
		}
		return out;
	}

	/** Per source: assertions, stale, withdrawn, last report; fills {@code cutoffs} with each source's freshness limit. */
	private List<HealthReport.SourceHealth> sources(long now, Map<String, Long> cutoffs) {
		List<Record> rows = read("health-sources", Map.of());
		for (Record r : rows) {
			String source = r.get("source").asString();
			cutoffs.put(source, now - rules.staleAfter(source).toMillis());
		}
		Map<String, Integer> stale = new HashMap<>();
		read("health-stale-assertions", Map.of("cutoffs", cutoffs,
				"maxCutoff", cutoffs.values().stream().mapToLong(Long::longValue).max().orElse(0)))
			.forEach(r -> stale.put(r.get("source").asString(), r.get("stale").asInt()));
		List<HealthReport.SourceHealth> out = new ArrayList<>();
		for (Record r : rows) {
			String source = r.get("source").asString();
			SourceDefinition def = rules.find(source);
			Long last = r.get("lastSeen").isNull() ? null : r.get("lastSeen").asLong();
			boolean silent = last == null || last < cutoffs.get(source);
			out.add(new HealthReport.SourceHealth(source, def == null ? null : def.name(),
					window(rules.staleAfter(source)), r.get("assertions").asInt(), stale.getOrDefault(source, 0),
					r.get("withdrawn").asInt(), last, silent));
		}
		out.sort((a, b) -> a.source().compareTo(b.source()));
		return out;
	}

	/** A window as rules.yml writes it: 7d, 12h, 90m, 30s. */
	static String window(java.time.Duration d) {
		long s = d.toSeconds();
		return s % 86400 == 0 ? s / 86400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
	}

	/** Class to, per required attribute (by position), how many live CIs lack it; position -1 holds the complete ones. */
	private Map<String, List<Integer>> completeness() {
		List<Map<String, Object>> classes = new ArrayList<>();
		for (CiClass c : catalogue.all()) {
			List<String> needles = c.required().stream().filter(a -> ATTRIBUTE.matcher(a).matches())
				.map(a -> "\"" + a + "\":").toList();
			if (!needles.isEmpty()) {
				classes.add(Map.of("class", c.name(), "needles", needles));
			}
		}
		Map<String, List<Integer>> out = new HashMap<>();
		for (Record r : read("health-completeness", Map.of("classes", classes))) {
			String cls = r.get("class").asString();
			int size = catalogue.get(cls).required().size();
			List<Integer> counts = out.computeIfAbsent(cls, k -> new ArrayList<>(java.util.Collections.nCopies(size + 1, 0)));
			List<Integer> missing = r.get("lacking").asList(Value::asInt);
			int n = r.get("n").asInt();
			if (missing.isEmpty()) {
				counts.set(size, counts.get(size) + n);
			}
			missing.forEach(i -> counts.set(i, counts.get(i) + n));
		}
		return out;
	}

	private HealthReport.ClassHealth classHealth(String cls, int[] s, List<Integer> lacking, int withStale) {
		CiClass def = catalogue.get(cls);
		List<String> required = def == null ? List.of() : def.required();
		List<HealthReport.Missing> missing = new ArrayList<>();
		for (int i = 0; i < required.size() && i < lacking.size() - 1; i++) {
			if (lacking.get(i) > 0) {
				missing.add(new HealthReport.Missing(required.get(i), lacking.get(i)));
			}
		}
		int complete = required.isEmpty() || lacking.isEmpty() ? s[0] + s[1] : lacking.get(required.size());
		return new HealthReport.ClassHealth(cls, s[0] + s[1] + s[2], s[0], s[1], s[2], required, complete, missing, withStale);
	}

	private int duplicates(List<HealthReport.Duplicate> sample) {
		int count = 0;
		for (Record r : read("health-duplicates", Map.of())) {
			count++;
			if (sample.size() < properties.sample()) {
				sample.add(new HealthReport.Duplicate(r.get("name").asString(), r.get("shared").asString(),
						r.get("ids").asList(Value::asString)));
			}
		}
		return count;
	}

	private List<HealthReport.Orphans> orphans() {
		List<Map<String, Object>> classes = catalogue.all().stream().filter(CiClass::isScoped)
			.map(c -> Map.<String, Object>of("class", c.name(), "types", c.scopedBy())).toList();
		List<HealthReport.Orphans> out = new ArrayList<>();
		for (Record r : read("health-orphans", Map.of("classes", classes, "sample", properties.sample()))) {
			if (r.get("n").asInt() > 0) {
				out.add(new HealthReport.Orphans(r.get("class").asString(), r.get("types").asList(Value::asString),
						r.get("n").asInt(), r.get("sample").asList(Value::asString)));
			}
		}
		return out;
	}

	private List<Record> read(String name, Map<String, Object> params) {
		TransactionConfig config = TransactionConfig.builder().withTimeout(properties.timeout()).build();
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get(name), params).list(), config);
		}
	}

}
