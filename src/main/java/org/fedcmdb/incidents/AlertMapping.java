package org.fedcmdb.incidents;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Alert-to-CI mapping as data ({@code fedcmdb/alert-mapping.yml}, then the files in
 * {@code fedcmdb.incidents.mapping-locations}): rules tried in order, the first whose look-ups find a CI maps the
 * alert. Pure: it turns an alert's labels into look-ups; {@link AlertMapper} runs them.
 */
final class AlertMapping {

	static final String BUILT_IN = "classpath:fedcmdb/alert-mapping.yml";

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_]*)}");

	private static final java.util.Set<String> BY_FIXED = java.util.Set.of("id", "name");

	/** One look-up: CIs of {@code className} (any class when null) whose {@code by} is {@code value}. */
	record Lookup(String className, String by, String value, Map<String, String> where) {
	}

	/** A rule whose labels matched: alternatives in order, and the optional refinement to a CI on the found one. */
	record Plan(String rule, List<Lookup> find, Lookup refine) {
	}

	private record Rule(String name, Map<String, Pattern> match, List<Map<String, Object>> find,
			Map<String, Object> refine) {
	}

	private final List<Rule> rules;

	private AlertMapping(List<Rule> rules) {
		this.rules = rules;
	}

	/** Loads the built-in file and {@code extra} locations; a mistake names the file and the rule. */
	static AlertMapping load(List<String> extra, ClassCatalogue catalogue) {
		Map<String, Rule> byName = new LinkedHashMap<>();
		List<String> locations = new ArrayList<>();
		locations.add(BUILT_IN);
		locations.addAll(extra);
		for (String location : locations) {
			List<Rule> read = read(location, catalogue);
			Map<String, Rule> next = new LinkedHashMap<>();
			read.stream().filter(r -> !byName.containsKey(r.name())).forEach(r -> next.put(r.name(), r));
			for (Map.Entry<String, Rule> e : byName.entrySet()) {
				next.put(e.getKey(), read.stream().filter(r -> r.name().equals(e.getKey())).findFirst().orElse(e.getValue()));
			}
			byName.clear();
			byName.putAll(next);
		}
		return new AlertMapping(List.copyOf(byName.values()));
	}

	List<String> ruleNames() {
		return rules.stream().map(Rule::name).toList();
	}

	/** The look-ups for an alert's labels, rule by rule, for the rules whose label patterns all match. */
	List<Plan> plan(Map<String, String> labels) {
		List<Plan> plans = new ArrayList<>();
		for (Rule r : rules) {
			Map<String, String> vars = new LinkedHashMap<>(labels);
			boolean all = true;
			for (Map.Entry<String, Pattern> m : r.match().entrySet()) {
				String v = labels.get(m.getKey());
				Matcher mt = v == null ? null : m.getValue().matcher(v);
				if (mt == null || !mt.matches()) {
					all = false;
					break;
				}
				for (String g : groupNames(m.getValue())) {
					if (mt.group(g) != null) {
						vars.put(g, mt.group(g));
					}
				}
			}
			if (all) {
				List<Lookup> finds = r.find().stream().map(f -> lookup(f, vars)).filter(l -> l != null).toList();
				plans.add(new Plan(r.name(), finds, r.refine() == null ? null : lookup(r.refine(), vars)));
			}
		}
		return plans;
	}

	@SuppressWarnings("unchecked")
	private static Lookup lookup(Map<String, Object> f, Map<String, String> vars) {
		String value = substitute((String) f.get("value"), vars);
		if (value == null || value.isBlank()) {
			return null;
		}
		Map<String, String> where = new LinkedHashMap<>();
		if (f.get("where") instanceof Map<?, ?> w) {
			for (Map.Entry<String, Object> e : ((Map<String, Object>) w).entrySet()) {
				String v = substitute(String.valueOf(e.getValue()), vars);
				if (v == null) {
					return null;
				}
				where.put(e.getKey(), v);
			}
		}
		return new Lookup((String) f.get("class"), (String) f.get("by"), value, where);
	}

	/** ${var} from the labels and named groups; null when a variable has no value. */
	static String substitute(String template, Map<String, String> vars) {
		if (template == null) {
			return null;
		}
		Matcher m = VARIABLE.matcher(template);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String v = vars.get(m.group(1));
			if (v == null) {
				return null;
			}
			m.appendReplacement(out, Matcher.quoteReplacement(v));
		}
		m.appendTail(out);
		return out.toString();
	}

	private static List<String> groupNames(Pattern p) {
		List<String> names = new ArrayList<>();
		Matcher m = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>").matcher(p.pattern());
		while (m.find()) {
			names.add(m.group(1));
		}
		return names;
	}

	@SuppressWarnings("unchecked")
	private static List<Rule> read(String location, ClassCatalogue catalogue) {
		Resource resource = new DefaultResourceLoader().getResource(location);
		JsonNode root;
		try (InputStream in = resource.getInputStream()) {
			root = YAMLMapper.builder().build().readTree(in);
		}
		catch (IOException | RuntimeException ex) {
			throw new MappingException(location, "cannot be read: " + ex.getMessage());
		}
		JsonNode list = root == null ? null : root.get("rules");
		if (list == null || !list.isArray()) {
			throw new MappingException(location, "needs a 'rules' list");
		}
		List<Rule> out = new ArrayList<>();
		for (JsonNode n : list) {
			Map<String, Object> raw = org.fedcmdb.graph.Json.MAPPER.convertValue(n, Map.class);
			String name = raw.get("name") instanceof String s ? s : null;
			if (name == null || name.isBlank()) {
				throw new MappingException(location, "every rule needs a name");
			}
			Map<String, Pattern> match = new LinkedHashMap<>();
			if (!(raw.get("match") instanceof Map<?, ?> m) || m.isEmpty()) {
				throw new MappingException(location, "rule '" + name + "' needs 'match': label name to pattern");
			}
			for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
				try {
					match.put(e.getKey(), Pattern.compile(String.valueOf(e.getValue())));
				}
				catch (PatternSyntaxException ex) {
					throw new MappingException(location, "rule '" + name + "': label " + e.getKey() + ": " + ex.getDescription());
				}
			}
			if (!(raw.get("find") instanceof List<?> find) || find.isEmpty()) {
				throw new MappingException(location, "rule '" + name + "' needs a 'find' list of look-ups");
			}
			List<Map<String, Object>> finds = new ArrayList<>();
			for (Object f : find) {
				finds.add(checked(location, name, f, catalogue));
			}
			Map<String, Object> refine = raw.get("refine") == null ? null : checked(location, name, raw.get("refine"), catalogue);
			out.add(new Rule(name, match, finds, refine));
		}
		return out;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> checked(String location, String rule, Object f, ClassCatalogue catalogue) {
		if (!(f instanceof Map<?, ?> m) || !(m.get("by") instanceof String by) || !(m.get("value") instanceof String)) {
			throw new MappingException(location, "rule '" + rule + "': a look-up needs 'by' and 'value'");
		}
		Object cls = m.get("class");
		if (cls != null && !catalogue.contains(String.valueOf(cls))) {
			throw new MappingException(location, "rule '" + rule + "': unknown class '" + cls + "'");
		}
		if (!BY_FIXED.contains(by) && !by.startsWith("attribute.") && catalogue.normaliserKind(by) == null) {
			throw new MappingException(location, "rule '" + rule + "': 'by: " + by
					+ "' is not id, name, attribute.<name> or an identifier of the catalogue");
		}
		return (Map<String, Object>) m;
	}

	/** A mapping file mistake: stops start-up with one coded line. */
	static final class MappingException extends RuntimeException {

		MappingException(String location, String message) {
			super(location + ": " + message);
		}

	}

}
