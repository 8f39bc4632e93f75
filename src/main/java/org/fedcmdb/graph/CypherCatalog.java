package org.fedcmdb.graph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The query Cypher of fedcmdb, loaded once at start from {@code cypher/queries/*.cypher}. Values always travel as
 * {@code $parameters}. Labels and relationship types cannot be parameters in index-backed CREATE/MERGE, so a few
 * templates have {@code {{labels}}} or {@code {{type}}} placeholders; {@link #render} fills them only with names that
 * come from the class catalogue or the relationship-type enum and match a strict identifier pattern, never with input.
 * A query may also name a shared expression of {@code cypher/fragments/} ({@code {{scope-seen}}}), inlined at load.
 */
@Component
public class CypherCatalog {

	private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9_]{0,63}");

	private final Map<String, String> queries;

	public CypherCatalog() {
		this.queries = load();
	}

	static Map<String, String> load() {
		Map<String, String> fragments = read("fragments");
		fragments.replaceAll((name, text) -> text.lines().filter(l -> !l.strip().startsWith("//"))
			.reduce((a, b) -> a + "\n" + b).orElse(""));
		// a fragment may name others: inlined into each other first, as many rounds as there are fragments at most
		for (int round = 0; round < fragments.size(); round++) {
			fragments.replaceAll((name, text) -> inline(text, fragments));
		}
		Map<String, String> out = read("queries");
		out.replaceAll((name, text) -> inline(text, fragments));
		return out;
	}

	private static String inline(String text, Map<String, String> fragments) {
		for (var f : fragments.entrySet()) {
			text = text.replace("{{" + f.getKey() + "}}", f.getValue());
		}
		return text;
	}

	private static Map<String, String> read(String folder) {
		Map<String, String> out = new TreeMap<>();
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver()
				.getResources("classpath*:cypher/" + folder + "/*.cypher");
			for (Resource r : resources) {
				try (InputStream in = r.getInputStream()) {
					String name = r.getFilename().replace(".cypher", "");
					out.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot load cypher/" + folder, ex);
		}
		return out;
	}

	public String get(String name) {
		String q = queries.get(name);
		if (q == null) {
			throw new IllegalArgumentException("No query cypher/queries/" + name + ".cypher");
		}
		return q;
	}

	public Set<String> names() {
		return queries.keySet();
	}

	/** Fills {@code {{key}}} placeholders with label or type names, each checked against the identifier pattern. */
	public String render(String name, Map<String, String> names) {
		String q = get(name);
		for (Map.Entry<String, String> e : names.entrySet()) {
			for (String part : e.getValue().split("[:|]")) {
				if (!NAME.matcher(part).matches()) {
					throw new IllegalArgumentException("Refusing to render '" + e.getValue() + "' into Cypher");
				}
			}
			q = q.replace("{{" + e.getKey() + "}}", e.getValue());
		}
		return q;
	}

}
