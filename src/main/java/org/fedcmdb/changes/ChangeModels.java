package org.fedcmdb.changes;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.Json;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.DefaultResourceLoader;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Change models as data ({@code fedcmdb/change-models.yml}, then {@code fedcmdb.changes.model-locations}) and their
 * evaluation: pure, given the facts of a change.
 */
final class ChangeModels {

	static final String BUILT_IN = "classpath:fedcmdb/change-models.yml";

	static final List<String> RISKS = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

	record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {

		boolean contains(Instant start, Instant end) {
			ZonedDateTime s = start.atZone(zone);
			ZonedDateTime e = end.atZone(zone);
			return s.toLocalDate().equals(e.toLocalDate()) && days.contains(s.getDayOfWeek())
					&& !s.toLocalTime().isBefore(from) && !e.toLocalTime().isAfter(to);
		}

	}

	record Model(String name, String description, List<String> classes, List<String> environments,
			Map<String, String> labels, String maxRisk, Integer maxServiceCriticality, Integer maxBlastRadius,
			Duration leadTime, List<Window> windows) {
	}

	/** What the gate knows of a change when it decides. */
	record Facts(List<String> targetClasses, List<Map<String, Object>> targetLabels, String environment, String risk,
			Integer mostCriticalTier, int blastRadius, Instant requestedAt, Instant plannedStart, Instant plannedEnd) {
	}

	/** The model that allows the change, or null with, per model, the first criterion that failed. */
	record Verdict(String model, List<String> reasons) {
	}

	private final List<Model> models;

	private final Set<String> shared;

	private final ClassCatalogue catalogue;

	private ChangeModels(List<Model> models, Set<String> shared, ClassCatalogue catalogue) {
		this.models = models;
		this.shared = shared;
		this.catalogue = catalogue;
	}

	List<Model> models() {
		return models;
	}

	Verdict evaluate(Facts f) {
		List<String> why = new ArrayList<>();
		for (String c : f.targetClasses()) {
			for (String s : shared) {
				if (catalogue.isA(c, s)) {
					why.add("a target is shared infrastructure (" + c + "): always CAB");
					return new Verdict(null, why);
				}
			}
		}
		for (Model m : models) {
			String failed = failed(m, f);
			if (failed == null) {
				return new Verdict(m.name(), List.of("standard change under model " + m.name()));
			}
			why.add("model " + m.name() + ": " + failed);
		}
		return new Verdict(null, why);
	}

	private String failed(Model m, Facts f) {
		for (String c : f.targetClasses()) {
			if (m.classes().stream().noneMatch(allowed -> catalogue.isA(c, allowed))) {
				return "target class " + c + " is not one of " + m.classes();
			}
		}
		if (!m.environments().isEmpty() && (f.environment() == null || !m.environments().contains(f.environment()))) {
			return "environment " + f.environment() + " is not one of " + m.environments();
		}
		for (Map.Entry<String, String> l : m.labels().entrySet()) {
			if (f.targetLabels().stream().anyMatch(t -> !l.getValue().equalsIgnoreCase(String.valueOf(t.get(l.getKey()))))) {
				return "a target's " + l.getKey() + " is not " + l.getValue();
			}
		}
		if (m.maxRisk() != null && RISKS.indexOf(f.risk()) > RISKS.indexOf(m.maxRisk())) {
			return "risk " + f.risk() + " is above " + m.maxRisk();
		}
		if (m.maxServiceCriticality() != null && f.mostCriticalTier() != null
				&& f.mostCriticalTier() < m.maxServiceCriticality()) {
			return "a tier-" + f.mostCriticalTier() + " service is impacted (at most tier " + m.maxServiceCriticality() + ")";
		}
		if (m.maxBlastRadius() != null && f.blastRadius() > m.maxBlastRadius()) {
			return f.blastRadius() + " CIs impacted (at most " + m.maxBlastRadius() + ")";
		}
		if (m.leadTime() != null && Duration.between(f.requestedAt(), f.plannedStart()).compareTo(m.leadTime()) < 0) {
			return "planned start is less than " + m.leadTime() + " ahead";
		}
		if (!m.windows().isEmpty() && m.windows().stream().noneMatch(w -> w.contains(f.plannedStart(), f.plannedEnd()))) {
			return "the planned window is outside the model's allowed windows";
		}
		return null;
	}

	static ChangeModels load(List<String> extra, ClassCatalogue catalogue) {
		Map<String, Model> byName = new LinkedHashMap<>();
		Set<String> shared = new LinkedHashSet<>();
		List<String> locations = new ArrayList<>();
		locations.add(BUILT_IN);
		locations.addAll(extra);
		for (String location : locations) {
			JsonNode root = read(location);
			List<Model> read = new ArrayList<>();
			for (JsonNode n : root.path("models")) {
				read.add(model(location, n, catalogue));
			}
			Map<String, Model> next = new LinkedHashMap<>();
			read.stream().filter(m -> !byName.containsKey(m.name())).forEach(m -> next.put(m.name(), m));
			byName.forEach((k, v) -> next.put(k, read.stream().filter(m -> m.name().equals(k)).findFirst().orElse(v)));
			byName.clear();
			byName.putAll(next);
			if (root.has("sharedInfrastructure")) {
				shared.clear();
				for (JsonNode c : root.get("sharedInfrastructure")) {
					if (!catalogue.contains(c.asString())) {
						throw new ModelException(location, "unknown class '" + c.asString() + "' in sharedInfrastructure");
					}
					shared.add(c.asString());
				}
			}
		}
		return new ChangeModels(List.copyOf(byName.values()), shared, catalogue);
	}

	private static JsonNode read(String location) {
		try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
			JsonNode root = YAMLMapper.builder().build().readTree(in);
			if (root == null || !root.isObject()) {
				throw new ModelException(location, "is empty");
			}
			return root;
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof ModelException m) {
				throw m;
			}
			throw new ModelException(location, "cannot be read: " + ex.getMessage());
		}
	}

	@SuppressWarnings("unchecked")
	private static Model model(String location, JsonNode n, ClassCatalogue catalogue) {
		Map<String, Object> m = Json.MAPPER.convertValue(n, Map.class);
		String name = m.get("name") instanceof String s && !s.isBlank() ? s : null;
		if (name == null) {
			throw new ModelException(location, "every model needs a name");
		}
		List<String> classes = m.get("classes") instanceof List<?> l ? (List<String>) l : List.of();
		if (classes.isEmpty()) {
			throw new ModelException(location, "model '" + name + "' needs classes");
		}
		for (String c : classes) {
			if (!catalogue.contains(c)) {
				throw new ModelException(location, "model '" + name + "': unknown class '" + c + "'");
			}
		}
		String maxRisk = m.get("maxRisk") == null ? null : String.valueOf(m.get("maxRisk")).toUpperCase(Locale.ROOT);
		if (maxRisk != null && !RISKS.contains(maxRisk)) {
			throw new ModelException(location, "model '" + name + "': maxRisk is one of " + RISKS);
		}
		Duration lead = null;
		if (m.get("leadTime") != null) {
			try {
				lead = DurationStyle.detectAndParse(String.valueOf(m.get("leadTime")));
			}
			catch (IllegalArgumentException ex) {
				throw new ModelException(location, "model '" + name + "': leadTime '" + m.get("leadTime") + "' is not a duration");
			}
		}
		List<Window> windows = new ArrayList<>();
		if (m.get("windows") instanceof List<?> ws) {
			for (Object w : ws) {
				windows.add(window(location, name, (Map<String, Object>) w));
			}
		}
		Map<String, String> labels = new LinkedHashMap<>();
		if (m.get("labels") instanceof Map<?, ?> l) {
			l.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
		}
		return new Model(name, (String) m.get("description"), classes,
				m.get("environments") instanceof List<?> e ? (List<String>) e : List.of(), labels, maxRisk,
				m.get("maxServiceCriticality") instanceof Number c ? c.intValue() : null,
				m.get("maxBlastRadius") instanceof Number b ? b.intValue() : null, lead, windows);
	}

	@SuppressWarnings("unchecked")
	private static Window window(String location, String model, Map<String, Object> w) {
		try {
			Set<DayOfWeek> days = new LinkedHashSet<>();
			for (String d : (List<String>) w.getOrDefault("days", List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"))) {
				days.add(java.util.Arrays.stream(DayOfWeek.values()).filter(x -> x.name().startsWith(d.toUpperCase(Locale.ROOT)))
					.findFirst().orElseThrow(() -> new IllegalArgumentException("unknown day " + d)));
			}
			return new Window(days, LocalTime.parse(String.valueOf(w.getOrDefault("from", "00:00"))),
					LocalTime.parse(String.valueOf(w.getOrDefault("to", "23:59"))), ZoneId.of(String.valueOf(w.getOrDefault("zone", "UTC"))));
		}
		catch (RuntimeException ex) {
			throw new ModelException(location, "model '" + model + "': window " + w + ": " + ex.getMessage());
		}
	}

	/** A change-model file mistake: stops start-up with one coded line. */
	static final class ModelException extends RuntimeException {

		ModelException(String location, String message) {
			super(location + ": " + message);
		}

	}

}
