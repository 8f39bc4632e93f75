package org.fedcmdb.api.graphql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.GraphqlErrorException;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.identification.Normaliser;
import org.springframework.stereotype.Component;

/** The GraphQL {@code CIFilter} input as the read service's filter: classes widened to subclasses, identifiers normalised. */
@Component
class CiFilters {

	private final ClassCatalogue catalogue;

	CiFilters(ClassCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	CiReadService.Filter of(Map<String, Object> input) {
		Map<String, Object> f = input == null ? Map.of() : input;
		List<String> classes = null;
		String className = (String) f.get("class");
		if (className != null) {
			if (!catalogue.contains(className)) {
				throw GraphqlErrorException.newErrorException().message("Unknown class " + className)
					.extensions(Map.of("code", "UNKNOWN_CLASS")).build();
			}
			classes = List.copyOf(catalogue.withSubclasses(className));
		}
		List<String> tokens = null;
		@SuppressWarnings("unchecked")
		Map<String, Object> identifier = (Map<String, Object>) f.get("identifier");
		if (identifier != null) {
			tokens = tokens((String) identifier.get("key"), (String) identifier.get("value"), className);
		}
		return new CiReadService.Filter(classes, (String) f.get("status"), (String) f.get("name"),
				(String) f.get("nameContains"), (String) f.get("source"), tokens);
	}

	/** Every normalised form the value can take for the key (normalisers differ per class). */
	private List<String> tokens(String key, String value, String className) {
		Set<String> kinds = new LinkedHashSet<>();
		if (className != null) {
			catalogue.withSubclasses(className).forEach(c -> kinds.add(catalogue.normaliser(c, key)));
		}
		else {
			catalogue.names().forEach(c -> kinds.add(catalogue.normaliser(c, key)));
		}
		List<String> out = new ArrayList<>();
		for (String kind : kinds) {
			try {
				String n = Normaliser.normalise(kind, value);
				if (n != null && !out.contains(key + "=" + n)) {
					out.add(key + "=" + n);
				}
			}
			catch (IllegalArgumentException ex) {
				// the value is not of this kind (not a MAC, say): no CI of such a class can match it
			}
		}
		return out.isEmpty() ? List.of("\u0000") : out;
	}

}
