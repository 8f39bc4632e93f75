package org.fedcmdb.agents.declared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.fedcmdb.agents.Agent;
import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.AgentSettings;
import org.fedcmdb.agents.Snapshot;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The human-owned layer no scanner sees, from files kept in version control: business and application services,
 * their owners, support groups and criticality tiers, and what they depend on. {@code file} is a YAML file (see
 * discovery-agents/README.md) or a CSV with the header {@code class,name,criticality,owner,supportGroup,dependsOn}
 * where dependsOn is {@code Class:Name} entries separated by {@code ;}. A dependency on something declared in the same
 * file is a ref; anything else is a look-up, completed when the source that reports it has posted.
 */
public final class DeclaredTopologyAgent implements Agent {

	@Override
	public String type() {
		return "declared";
	}

	/** One declared CI. */
	record Declared(String className, String name, Map<String, Object> identifiers, Map<String, Object> attributes,
			List<Map<String, Object>> dependsOn) {
	}

	@Override
	public Snapshot collect(AgentSettings settings) throws AgentException {
		Path file = Path.of(settings.require("file"));
		String text;
		try {
			text = Files.readString(file);
		}
		catch (IOException ex) {
			throw new AgentException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
		List<Declared> declared = file.toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? csv(text) : yaml(text);
		return map(declared, settings.source(), "file:" + file.getFileName(), Instant.now());
	}

	static List<Declared> yaml(String text) throws AgentException {
		JsonNode root;
		try {
			root = YAMLMapper.builder().build().readTree(text);
		}
		catch (JacksonException ex) {
			throw new AgentException("invalid YAML: " + ex.getOriginalMessage(), ex);
		}
		if (root == null || !root.path("items").isArray()) {
			throw new AgentException("the YAML file needs a top-level 'items' list");
		}
		List<Declared> out = new ArrayList<>();
		int i = 0;
		for (JsonNode n : root.get("items")) {
			i++;
			String cls = n.path("class").asString("BusinessService");
			String name = n.path("name").asString(null);
			Map<String, Object> ids = new LinkedHashMap<>();
			n.path("identifiers").properties().forEach(e -> ids.put(e.getKey(), scalar(e.getValue())));
			if (name != null && !ids.containsKey("name") && ids.isEmpty()) {
				ids.put("name", name);
			}
			if (ids.isEmpty()) {
				throw new AgentException("item " + i + " has neither a name nor identifiers");
			}
			Map<String, Object> attrs = new LinkedHashMap<>();
			if (name != null) {
				attrs.put("name", name);
			}
			for (String k : List.of("criticality", "owner", "supportGroup", "description", "minHealthy")) {
				if (n.has(k)) {
					attrs.put(k, scalar(n.get(k)));
				}
			}
			n.path("attributes").properties().forEach(e -> attrs.put(e.getKey(), scalar(e.getValue())));
			List<Map<String, Object>> deps = new ArrayList<>();
			for (String edge : List.of("dependsOn", "runsOn", "hostedOn", "memberOf")) {
				for (JsonNode d : n.path(edge)) {
					Map<String, Object> dep = new LinkedHashMap<>();
					dep.put("type", edgeType(edge));
					dep.put("class", d.path("class").asString("ApplicationService"));
					Map<String, Object> dids = new LinkedHashMap<>();
					d.path("identifiers").properties().forEach(e -> dids.put(e.getKey(), scalar(e.getValue())));
					if (dids.isEmpty() && d.has("name")) {
						dids.put("name", d.get("name").asString());
					}
					dep.put("identifiers", dids);
					deps.add(dep);
				}
			}
			out.add(new Declared(cls, name, ids, attrs, deps));
		}
		return out;
	}

	private static String edgeType(String key) {
		return switch (key) {
			case "runsOn" -> "RUNS_ON";
			case "hostedOn" -> "HOSTED_ON";
			case "memberOf" -> "MEMBER_OF";
			default -> "DEPENDS_ON";
		};
	}

	static List<Declared> csv(String text) throws AgentException {
		List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
		if (lines.isEmpty()) {
			throw new AgentException("the CSV file is empty");
		}
		List<String> header = List.of(lines.get(0).split(",", -1)).stream().map(String::trim).toList();
		if (!header.contains("class") || !header.contains("name")) {
			throw new AgentException("the CSV header needs at least 'class' and 'name', got " + header);
		}
		List<Declared> out = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			String[] cells = lines.get(i).split(",", -1);
			Map<String, String> row = new LinkedHashMap<>();
			for (int c = 0; c < header.size() && c < cells.length; c++) {
				row.put(header.get(c), cells[c].trim());
			}
			String name = row.get("name");
			if (name == null || name.isEmpty()) {
				throw new AgentException("CSV line " + (i + 1) + " has no name");
			}
			Map<String, Object> attrs = new LinkedHashMap<>();
			attrs.put("name", name);
			if (row.get("criticality") != null && !row.get("criticality").isEmpty()) {
				try {
					attrs.put("criticality", Long.parseLong(row.get("criticality")));
				}
				catch (NumberFormatException ex) {
					throw new AgentException("CSV line " + (i + 1) + ": criticality must be a number");
				}
			}
			for (String k : List.of("owner", "supportGroup")) {
				if (row.get(k) != null && !row.get(k).isEmpty()) {
					attrs.put(k, row.get(k));
				}
			}
			List<Map<String, Object>> deps = new ArrayList<>();
			String dependsOn = row.getOrDefault("dependsOn", "");
			for (String d : dependsOn.split(";")) {
				if (d.isBlank()) {
					continue;
				}
				int colon = d.indexOf(':');
				if (colon <= 0) {
					throw new AgentException("CSV line " + (i + 1) + ": dependsOn entries look like Class:Name, not '" + d + "'");
				}
				deps.add(Map.of("type", "DEPENDS_ON", "class", d.substring(0, colon).trim(), "identifiers",
						Map.of("name", d.substring(colon + 1).trim())));
			}
			String cls = row.get("class") == null || row.get("class").isEmpty() ? "BusinessService" : row.get("class");
			out.add(new Declared(cls, name, Map.of("name", name), attrs, deps));
		}
		return out;
	}

	static Snapshot map(List<Declared> declared, String source, String scope, Instant at) {
		Snapshot s = Snapshot.full(source, scope, at);
		Map<String, String> refs = new LinkedHashMap<>();
		int i = 0;
		for (Declared d : declared) {
			String ref = "d" + i++;
			refs.put(key(d.className(), d.identifiers()), ref);
			s.item(ref, d.className(), d.identifiers(), d.attributes());
		}
		i = 0;
		for (Declared d : declared) {
			String ref = "d" + i++;
			for (Map<String, Object> dep : d.dependsOn()) {
				@SuppressWarnings("unchecked")
				Map<String, Object> ids = (Map<String, Object>) dep.get("identifiers");
				String target = refs.get(key((String) dep.get("class"), ids));
				s.rel((String) dep.get("type"), ref, target != null ? target : Snapshot.lookup((String) dep.get("class"), ids));
			}
		}
		return s;
	}

	private static String key(String cls, Map<String, Object> ids) {
		return cls + "|" + new java.util.TreeMap<>(ids).toString().toLowerCase(Locale.ROOT);
	}

	private static Object scalar(JsonNode n) {
		if (n.isIntegralNumber()) {
			return n.asLong();
		}
		if (n.isNumber()) {
			return n.asDouble();
		}
		if (n.isBoolean()) {
			return n.asBoolean();
		}
		if (n.isArray()) {
			List<Object> out = new ArrayList<>();
			n.forEach(x -> out.add(scalar(x)));
			return out;
		}
		return n.asString();
	}

}
