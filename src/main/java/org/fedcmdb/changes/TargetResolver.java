package org.fedcmdb.changes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.fedcmdb.identification.Identity;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.springframework.stereotype.Component;

/**
 * Turns a change's targets into CI ids. A target is a CI id (a string, or {@code {"ciId"}}); a look-up
 * {@code {"class", "identifiers"}} by identification's own keys; a Kubernetes workload
 * {@code {"kubernetes": {"cluster", "namespace", "workload"}}}; or a service {@code {"service": "name"}}. A target
 * that finds nothing is a coded error naming it, never an empty change.
 */
@Component
class TargetResolver {

	private final CiReadService reads;

	private final ClassCatalogue catalogue;

	private final Driver driver;

	private final CypherCatalog cypher;

	TargetResolver(CiReadService reads, ClassCatalogue catalogue, Driver driver, CypherCatalog cypher) {
		this.reads = reads;
		this.catalogue = catalogue;
		this.driver = driver;
		this.cypher = cypher;
	}

	List<String> resolve(List<Object> targets) {
		Set<String> out = new LinkedHashSet<>();
		List<String> unknown = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (Object t : targets) {
			if (t instanceof String s) {
				ids.add(s);
			}
			else if (t instanceof Map<?, ?> m && m.get("ciId") instanceof String s) {
				ids.add(s);
			}
		}
		Map<String, String> resolved = ids.isEmpty() ? Map.of() : reads.resolve(ids);
		for (int i = 0; i < targets.size(); i++) {
			Object t = targets.get(i);
			String id = t instanceof String s ? s : t instanceof Map<?, ?> m && m.get("ciId") instanceof String s ? s : null;
			List<String> found = id != null ? (resolved.containsKey(id) ? List.of(resolved.get(id)) : List.of())
					: lookUp(i, t);
			if (found.isEmpty()) {
				unknown.add("targets[" + i + "] " + abbreviate(Json.write(t)));
			}
			out.addAll(found);
		}
		if (!unknown.isEmpty()) {
			throw new ChangeException(422, "UNKNOWN_TARGET", unknown.size() + " target(s) found no CI: "
					+ String.join("; ", unknown.stream().limit(5).toList()) + (unknown.size() > 5 ? "; ..." : ""));
		}
		return List.copyOf(out);
	}

	@SuppressWarnings("unchecked")
	private List<String> lookUp(int index, Object t) {
		if (!(t instanceof Map<?, ?> raw)) {
			throw new ChangeException(400, "INVALID_TARGET", "targets[" + index + "] is a CI id, {class, identifiers}, "
					+ "{kubernetes: {cluster, namespace, workload}} or {service}");
		}
		Map<String, Object> m = (Map<String, Object>) raw;
		if (m.get("class") instanceof String cls && m.get("identifiers") instanceof Map<?, ?> identifiers) {
			if (!catalogue.contains(cls)) {
				throw new ChangeException(400, "INVALID_TARGET", "targets[" + index + "]: unknown class '" + abbreviate(cls) + "'");
			}
			Identity identity;
			try {
				identity = Identity.of(catalogue, cls, (Map<String, ?>) identifiers, Identity.GLOBAL);
			}
			catch (IllegalArgumentException ex) {
				throw new ChangeException(400, "INVALID_TARGET", "targets[" + index + "]: " + ex.getMessage());
			}
			if (catalogue.get(cls).isScoped()) {
				// identified inside its host: its keys carry the host's id, so match the identifiers themselves
				List<String> tokens = new ArrayList<>();
				identity.identifiers().forEach((k, vs) -> vs.forEach(v -> tokens.add(k + "=" + v)));
				return tokens.isEmpty() ? List.of() : run(cypher.render("change-target-by-tokens", Map.of("labels", cls)),
						Map.of("tokens", tokens)).stream().map(r -> r.get("id").asString()).toList();
			}
			List<String> keys = identity.allKeys();
			return keys.isEmpty() ? List.of() : read("change-target-by-keys", Map.of("keys", keys)).stream()
				.filter(r -> r.get("labels").asList(v -> v.asString()).contains(cls)).map(r -> r.get("id").asString())
				.distinct().toList();
		}
		if (m.get("kubernetes") instanceof Map<?, ?> k && k.get("workload") instanceof String workload) {
			return byName(workload, "KubernetesWorkload", Map.of("namespace", k.get("namespace"), "cluster", k.get("cluster")));
		}
		if (m.get("service") instanceof String service) {
			List<String> found = new ArrayList<>();
			catalogue.serviceClasses().forEach(cls -> found.addAll(byName(service, cls, Map.of())));
			return found;
		}
		throw new ChangeException(400, "INVALID_TARGET", "targets[" + index + "] is a CI id, {class, identifiers}, "
				+ "{kubernetes: {cluster, namespace, workload}} or {service}");
	}

	/** CIs of a class by name whose identifiers or attributes carry the given values (null: not checked). */
	private List<String> byName(String name, String cls, Map<String, Object> where) {
		List<String> out = new ArrayList<>();
		for (Record r : read("change-target-by-name", Map.of("name", name.toLowerCase(Locale.ROOT)))) {
			if (!r.get("labels").asList(v -> v.asString()).contains(cls)) {
				continue;
			}
			Map<String, List<String>> ids = Json.readIdentifiers(r.get("identifiers").isNull() ? null : r.get("identifiers").asString());
			Map<String, Object> attrs = Json.readMap(r.get("attributes").isNull() ? null : r.get("attributes").asString());
			boolean all = where.entrySet().stream().allMatch(w -> w.getValue() == null
					|| String.valueOf(w.getValue()).equalsIgnoreCase(String.valueOf(attrs.get(w.getKey())))
					|| ids.getOrDefault(w.getKey(), List.of()).stream().anyMatch(v -> v.equalsIgnoreCase(String.valueOf(w.getValue()))));
			if (all) {
				out.add(r.get("id").asString());
			}
		}
		return out;
	}

	private List<Record> read(String query, Map<String, Object> params) {
		return run(cypher.get(query), params);
	}

	private List<Record> run(String text, Map<String, Object> params) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(text, params).list());
		}
	}

	private static String abbreviate(String s) {
		return s == null ? "null" : s.length() > 100 ? s.substring(0, 100) + "..." : s;
	}

}
