package org.fedcmdb.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The class taxonomy: which classes exist, their ancestry (a Server is a Host), how each is identified. Built from
 * YAML so that an organisation adds its own classes without code changes; labels in the graph come only from here,
 * never from input, which is what keeps label injection out.
 */
public final class ClassCatalogue {

	static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,63}");

	public static final Set<String> RELATIONSHIP_TYPES = Set.of("RUNS_ON", "HOSTED_ON", "DEPENDS_ON", "MEMBER_OF");

	private final Map<String, CiClass> classes;

	private final Map<String, String> identifierNormalisers;

	private final Set<String> multiValued;

	/** Per normaliser kind, values that several machines legitimately carry; "prefix*" or exact, normalised. */
	private final Map<String, List<String>> sharedValues;

	private ClassCatalogue(Map<String, CiClass> classes, Map<String, String> identifierNormalisers,
			Set<String> multiValued, Map<String, List<String>> sharedValues) {
		this.classes = classes;
		this.identifierNormalisers = identifierNormalisers;
		this.multiValued = multiValued;
		this.sharedValues = sharedValues;
	}

	/** Raw definition as read from YAML, before validation and inheritance. */
	public record Definition(String name, String parent, List<List<String>> identification, List<String> scopedBy,
			Boolean service, Map<String, String> normalise, List<String> required) {
	}

	/**
	 * Validates and links definitions; later definitions of the same name override earlier ones field by field.
	 * @throws CatalogueException with a message naming the class and the problem
	 */
	public static ClassCatalogue of(List<Definition> definitions, Map<String, String> identifierNormalisers,
			Set<String> multiValued) {
		return of(definitions, identifierNormalisers, multiValued, Map.of());
	}

	/**
	 * @param sharedValues per normaliser kind ({@code mac}, {@code ip}, ...), values several machines carry (VRRP and
	 * HSRP virtual router MACs, vendor placeholder MACs): patterns ending in {@code *} match a prefix; for {@code mac}
	 * any notation is accepted
	 */
	public static ClassCatalogue of(List<Definition> definitions, Map<String, String> identifierNormalisers,
			Set<String> multiValued, Map<String, List<String>> sharedValues) {
		Map<String, Definition> merged = new LinkedHashMap<>();
		for (Definition d : definitions) {
			if (d.name() == null || !CLASS_NAME.matcher(d.name()).matches()) {
				throw new CatalogueException("INVALID_CLASS_NAME", "Class name '" + d.name()
						+ "' is invalid: use UpperCamelCase letters and digits, at most 64 characters");
			}
			merged.merge(d.name(), d, ClassCatalogue::override);
		}
		Map<String, CiClass> classes = new LinkedHashMap<>();
		for (Definition d : merged.values()) {
			classes.put(d.name(), link(d, merged));
		}
		for (CiClass c : classes.values()) {
			for (String type : c.scopedBy()) {
				if (!RELATIONSHIP_TYPES.contains(type)) {
					throw new CatalogueException("UNKNOWN_RELATIONSHIP_TYPE",
							"Class " + c.name() + " is scoped by unknown relationship type " + type);
				}
			}
			for (List<String> set : c.identification()) {
				if (set.isEmpty()) {
					throw new CatalogueException("INVALID_IDENTIFICATION",
							"Class " + c.name() + " has an empty identifier set");
				}
			}
		}
		Map<String, List<String>> shared = new LinkedHashMap<>();
		sharedValues.forEach((kind, patterns) -> shared.put(kind,
				patterns == null ? List.of() : patterns.stream().map(p -> sharedPattern(kind, p)).toList()));
		return new ClassCatalogue(Collections.unmodifiableMap(classes), Map.copyOf(identifierNormalisers),
				Set.copyOf(multiValued), Map.copyOf(shared));
	}

	private static Definition override(Definition base, Definition over) {
		return new Definition(base.name(), over.parent() != null ? over.parent() : base.parent(),
				over.identification() != null ? over.identification() : base.identification(),
				over.scopedBy() != null ? over.scopedBy() : base.scopedBy(),
				over.service() != null ? over.service() : base.service(),
				over.normalise() != null ? over.normalise() : base.normalise(),
				over.required() != null ? over.required() : base.required());
	}

	private static CiClass link(Definition d, Map<String, Definition> all) {
		List<String> ancestry = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		List<List<String>> identification = null;
		List<String> scopedBy = null;
		Boolean service = null;
		Map<String, String> normalise = new LinkedHashMap<>();
		Set<String> required = new LinkedHashSet<>();
		for (Definition cur = d; cur != null;) {
			if (!seen.add(cur.name())) {
				throw new CatalogueException("CLASS_CYCLE", "Class hierarchy has a cycle through " + cur.name());
			}
			ancestry.add(0, cur.name());
			if (identification == null && cur.identification() != null && !cur.identification().isEmpty()) {
				identification = cur.identification();
			}
			if (scopedBy == null && cur.scopedBy() != null) {
				scopedBy = cur.scopedBy();
			}
			if (service == null && cur.service() != null) {
				service = cur.service();
			}
			if (cur.normalise() != null) {
				cur.normalise().forEach(normalise::putIfAbsent);
			}
			if (cur.required() != null) {
				for (String attribute : cur.required()) {
					if (attribute == null || !attribute.matches("[A-Za-z_][A-Za-z0-9_]*")) {
						throw new CatalogueException("INVALID_REQUIRED", "Class " + cur.name()
								+ " requires attribute '" + attribute + "': attribute names are letters, digits and _");
					}
					required.add(attribute);
				}
			}
			if (cur.parent() == null) {
				break;
			}
			Definition parent = all.get(cur.parent());
			if (parent == null) {
				throw new CatalogueException("UNKNOWN_CLASS",
						"Class " + cur.name() + " names unknown parent class " + cur.parent());
			}
			cur = parent;
		}
		List<String> labels = new ArrayList<>();
		labels.add("CI");
		labels.addAll(ancestry);
		return new CiClass(d.name(), d.parent(), identification == null ? List.of() : List.copyOf(identification),
				scopedBy == null ? List.of() : List.copyOf(scopedBy), Boolean.TRUE.equals(service),
				Map.copyOf(normalise), List.copyOf(labels), List.copyOf(required));
	}

	public CiClass get(String name) {
		return name == null ? null : classes.get(name);
	}

	public boolean contains(String name) {
		return name != null && classes.containsKey(name);
	}

	public Set<String> names() {
		return classes.keySet();
	}

	public List<CiClass> all() {
		return List.copyOf(classes.values());
	}

	/** The class that defines the identification rules {@code name} uses: Server and VirtualMachine share Host's. */
	public String identificationRoot(String name) {
		CiClass c = classes.get(name);
		String root = name;
		while (c != null && c.parent() != null) {
			CiClass parent = classes.get(c.parent());
			if (parent.identification().equals(c.identification()) && !parent.identification().isEmpty()) {
				root = parent.name();
			}
			c = parent;
		}
		return root;
	}

	/** {@code name} and every class below it. */
	public Set<String> withSubclasses(String name) {
		Set<String> out = new LinkedHashSet<>();
		for (CiClass c : classes.values()) {
			if (c.labels().contains(name)) {
				out.add(c.name());
			}
		}
		return out;
	}

	/** Whether CIs of the class are services (the catalogue's {@code service: true}, inherited): the only such list. */
	public boolean isService(String className) {
		CiClass c = classes.get(className);
		return c != null && c.service();
	}

	/** The service classes, in catalogue order. */
	public List<String> serviceClasses() {
		return all().stream().filter(CiClass::service).map(CiClass::name).toList();
	}

	public boolean isA(String className, String ancestor) {
		CiClass c = classes.get(className);
		return c != null && c.labels().contains(ancestor);
	}

	public String normaliser(String className, String identifier) {
		CiClass c = classes.get(className);
		if (c != null && c.normalisers().containsKey(identifier)) {
			return c.normalisers().get(identifier);
		}
		return identifierNormalisers.getOrDefault(identifier, "text");
	}

	/** The normaliser kind of a declared identifier, or null when the catalogue declares no such identifier. */
	public String normaliserKind(String identifier) {
		return identifierNormalisers.get(identifier);
	}

	public boolean isMultiValued(String identifier) {
		return multiValued.contains(identifier);
	}

	/**
	 * True when the normalised {@code value} of an identifier of normaliser {@code kind} is one that several machines
	 * carry (listed under {@code sharedValues} in the catalogue): it identifies nothing, like a placeholder serial.
	 */
	public boolean isShared(String kind, String value) {
		List<String> patterns = sharedValues.get(kind);
		if (patterns == null || value == null) {
			return false;
		}
		for (String p : patterns) {
			if (p.endsWith("*") ? value.startsWith(p.substring(0, p.length() - 1)) : p.equals(value)) {
				return true;
			}
		}
		return false;
	}

	public Map<String, List<String>> sharedValues() {
		return sharedValues;
	}

	private static String sharedPattern(String kind, String pattern) {
		if (pattern == null || pattern.isBlank() || pattern.indexOf('*') >= 0 && pattern.indexOf('*') < pattern.length() - 1) {
			throw new CatalogueException("INVALID_SHARED_VALUE", "sharedValues." + kind + ": '" + pattern
					+ "' must be a value or a prefix ending in *");
		}
		String p = pattern.strip().toLowerCase(java.util.Locale.ROOT);
		if (kind.equals("mac")) {
			p = p.replaceAll("[:\\-. ]", "");
			if (!p.matches("[0-9a-f]{0,12}\\*?")) {
				throw new CatalogueException("INVALID_SHARED_VALUE", "sharedValues.mac: '" + pattern + "' is not a MAC or MAC prefix");
			}
		}
		return p;
	}

}
