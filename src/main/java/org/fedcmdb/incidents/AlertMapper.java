package org.fedcmdb.incidents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.fedcmdb.identification.Normaliser;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link AlertMapping} look-ups against the graph. Results are cached for a minute (an alert storm asks the
 * same look-ups hundreds of times within seconds); a CI that appears later is found after that.
 */
@Component
class AlertMapper {

	/** The CIs an alert is about (usually one) and the rule that found them; no CI: UNMAPPED. */
	record Mapped(List<String> ciIds, String rule) {

		static final Mapped NONE = new Mapped(List.of(), null);

		boolean mapped() {
			return !ciIds.isEmpty();
		}

	}

	private record Found(String id, List<String> labels, String status, Map<String, List<String>> identifiers,
			Map<String, Object> attributes) {
	}

	private static final long TTL_MS = 60_000;

	private final AlertMapping mapping;

	private final ClassCatalogue catalogue;

	private final CiReadService reads;

	private final Driver driver;

	private final CypherCatalog cypher;

	// a small LRU with expiry, by hand: one map and a time per entry is all this needs (no cache library on the path)
	private final Map<AlertMapping.Lookup, CacheEntry> cache = new LinkedHashMap<>(1024, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<AlertMapping.Lookup, CacheEntry> eldest) {
			return size() > 20_000;
		}
	};

	private record CacheEntry(List<Found> found, long at) {
	}

	AlertMapper(IncidentProperties properties, ClassCatalogue catalogue, CiReadService reads, Driver driver,
			CypherCatalog cypher) {
		try {
			this.mapping = AlertMapping.load(properties.mappingLocations(), catalogue);
		}
		catch (AlertMapping.MappingException ex) {
			throw new org.fedcmdb.graph.StartupException("INVALID_ALERT_MAPPING", ex.getMessage(),
					"Fix the rule in the mapping file, or remove the file from fedcmdb.incidents.mapping-locations.");
		}
		this.catalogue = catalogue;
		this.reads = reads;
		this.driver = driver;
		this.cypher = cypher;
	}

	Mapped map(Map<String, String> labels) {
		for (AlertMapping.Plan plan : mapping.plan(labels)) {
			for (AlertMapping.Lookup l : plan.find()) {
				List<Found> found = preferLive(cached(l));
				if (!found.isEmpty()) {
					if (plan.refine() != null && found.size() == 1) {
						List<Found> refined = preferLive(refine(found.get(0).id(), plan.refine()));
						if (!refined.isEmpty()) {
							return new Mapped(refined.stream().map(Found::id).toList(), plan.rule());
						}
					}
					return new Mapped(found.stream().map(Found::id).toList(), plan.rule());
				}
			}
		}
		return Mapped.NONE;
	}

	/** Retired CIs only when nothing else matches (an alert is about what runs now). */
	private static List<Found> preferLive(List<Found> found) {
		List<Found> live = found.stream().filter(f -> !"RETIRED".equals(f.status())).toList();
		return live.isEmpty() ? found : live;
	}

	private List<Found> cached(AlertMapping.Lookup l) {
		long now = System.currentTimeMillis();
		synchronized (cache) {
			CacheEntry e = cache.get(l);
			if (e != null && now - e.at() < TTL_MS) {
				return e.found();
			}
		}
		List<Found> found = run(l);
		synchronized (cache) {
			cache.put(l, new CacheEntry(found, now));
		}
		return found;
	}

	private List<Found> run(AlertMapping.Lookup l) {
		if (l.by().equals("id")) {
			Map<String, String> resolved = reads.resolve(List.of(l.value()));
			return resolved.isEmpty() ? List.of() : List.of(new Found(resolved.values().iterator().next(), List.of(),
					"ACTIVE", Map.of(), Map.of()));
		}
		List<Found> rows;
		if (l.by().equals("name")) {
			rows = read(cypher.get("alert-lookup-name"), Map.of("name", l.value().toLowerCase(Locale.ROOT)));
		}
		else if (l.by().startsWith("attribute.")) {
			return List.of(); // attribute look-ups are for refinement among a CI's dependents only
		}
		else {
			String kind = catalogue.normaliser(l.className() == null ? "" : l.className(), l.by());
			String value;
			try {
				value = Normaliser.normalise(kind, l.value());
			}
			catch (IllegalArgumentException ex) {
				return List.of(); // not a value of that kind (a host name tried as an IP): nothing to find
			}
			if (value == null) {
				return List.of();
			}
			String key = soleKey(l.className(), l.by(), value);
			if (key != null) {
				rows = read(cypher.get("alert-lookup-key"), Map.of("key", key));
			}
			else {
				// no identity key of that identifier alone (an IP is identifying only with a name): a label scan
				String label = l.className() == null ? "CI" : l.className();
				rows = read(cypher.render("alert-lookup-token", Map.of("labels", label)), Map.of("token", l.by() + "=" + value));
			}
		}
		return rows.stream().filter(f -> matches(f, l)).toList();
	}

	/**
	 * The identity key of {@code identifier} alone for the class, when the class identifies by it alone (fqdn, serial,
	 * uid, sysId): identification's own index then finds the CI. Null otherwise.
	 */
	private String soleKey(String className, String identifier, String normalised) {
		if (className == null || !catalogue.contains(className)) {
			return null;
		}
		org.fedcmdb.identification.Identity id = org.fedcmdb.identification.Identity.ofNormalised(catalogue, className,
				Map.of(identifier, List.of(normalised)), org.fedcmdb.identification.Identity.GLOBAL);
		return id.keySets().stream().filter(k -> k.attributes().equals(List.of(identifier)) && k.applicable())
			.flatMap(k -> k.keys().stream()).findFirst().orElse(null);
	}

	private List<Found> refine(String ciId, AlertMapping.Lookup l) {
		return read(cypher.get("alert-lookup-dependents"), Map.of("id", ciId)).stream()
			.filter(f -> matches(f, l) && valueMatches(f, l.by(), l.value())).toList();
	}

	private boolean matches(Found f, AlertMapping.Lookup l) {
		if (l.className() != null && !f.labels().contains(l.className())) {
			return false;
		}
		return l.where().entrySet().stream().allMatch(w -> valueMatches(f, w.getKey(), w.getValue()));
	}

	private static boolean valueMatches(Found f, String field, String value) {
		if (field.equals("name") || field.equals("id")) {
			return true;
		}
		String attr = field.startsWith("attribute.") ? field.substring("attribute.".length()) : field;
		Object a = f.attributes().get(attr);
		if (a != null && String.valueOf(a).equalsIgnoreCase(value)) {
			return true;
		}
		if (a instanceof Number n) {
			try {
				return n.doubleValue() == Double.parseDouble(value);
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		List<String> ids = f.identifiers().get(attr);
		return ids != null && ids.stream().anyMatch(v -> v.equalsIgnoreCase(value));
	}

	@SuppressWarnings("unchecked")
	private List<Found> read(String query, Map<String, Object> params) {
		try (Session s = driver.session()) {
			List<Record> rows = s.executeRead(tx -> tx.run(query, params).list());
			List<Found> out = new ArrayList<>();
			for (Record r : rows) {
				out.add(new Found(r.get("id").asString(), r.get("labels").asList(v -> v.asString()),
						r.get("status").isNull() ? null : r.get("status").asString(),
						Json.readIdentifiers(r.get("identifiers").isNull() ? null : r.get("identifiers").asString()),
						Json.readMap(r.get("attributes").isNull() ? null : r.get("attributes").asString())));
			}
			return out;
		}
	}

}
