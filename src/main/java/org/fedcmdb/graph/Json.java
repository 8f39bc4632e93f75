package org.fedcmdb.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON codec for values stored as strings on nodes (identifiers, attributes, provenance). Neo4j properties cannot
 * hold maps; storing the maps as JSON keeps a CI one node without a property per attribute name.
 */
public final class Json {

	public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(10_000_000).build())
		.build()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private static final TypeReference<LinkedHashMap<String, List<String>>> IDS = new TypeReference<>() {
	};

	private Json() {
	}

	public static String write(Object value) {
		return MAPPER.writeValueAsString(value);
	}

	public static Map<String, Object> readMap(String json) {
		if (json == null || json.isEmpty()) {
			return new LinkedHashMap<>();
		}
		return MAPPER.readValue(json, MAP);
	}

	public static Map<String, List<String>> readIdentifiers(String json) {
		if (json == null || json.isEmpty()) {
			return new LinkedHashMap<>();
		}
		return MAPPER.readValue(json, IDS);
	}

	public static Object readValue(String json) {
		if (json == null) {
			return null;
		}
		return MAPPER.readValue(json, Object.class);
	}

	/**
	 * A history entry's stored value: JSON, or the text itself when it is not JSON (relationship entries written by
	 * earlier versions held a bare CI id); anything not text as it is.
	 */
	public static Object readHistoryValue(Object stored) {
		if (!(stored instanceof String s)) {
			return stored;
		}
		try {
			return readValue(s);
		}
		catch (RuntimeException ex) {
			return s;
		}
	}

}
