package org.fedcmdb.backup;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Neo4j property values to JSON and back, without loss: strings, 64-bit integers, doubles, booleans and lists as
 * themselves (a double keeps its decimal point, so 1.0 comes back a double), the few other types as a one-key object
 * naming the type ({@code {"$datetime": "..."}}, {@code {"$bytes": "<base64>"}}).
 */
final class BackupValues {

	private BackupValues() {
	}

	static Map<String, Object> encode(Map<String, Object> properties) {
		Map<String, Object> out = new LinkedHashMap<>();
		properties.forEach((k, v) -> out.put(k, encode(v)));
		return out;
	}

	static Object encode(Object v) {
		if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
			return v;
		}
		if (v instanceof Integer i) {
			return i.longValue();
		}
		if (v instanceof List<?> list) {
			return list.stream().map(BackupValues::encode).toList();
		}
		if (v instanceof byte[] bytes) {
			return Map.of("$bytes", Base64.getEncoder().encodeToString(bytes));
		}
		if (v instanceof ZonedDateTime || v instanceof OffsetDateTime) {
			return Map.of("$datetime", v.toString());
		}
		if (v instanceof LocalDateTime) {
			return Map.of("$localdatetime", v.toString());
		}
		if (v instanceof LocalDate) {
			return Map.of("$date", v.toString());
		}
		throw new IllegalStateException("A property of type " + v.getClass().getSimpleName() + " cannot be exported");
	}

	static Map<String, Object> decodeProperties(JsonNode properties) {
		Map<String, Object> out = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> e : properties.properties()) {
			out.put(e.getKey(), decode(e.getValue()));
		}
		return out;
	}

	static Object decode(JsonNode v) {
		if (v == null || v.isNull()) {
			return null;
		}
		if (v.isString()) {
			return v.stringValue();
		}
		if (v.isIntegralNumber()) {
			if (!v.canConvertToLong()) {
				throw new IllegalArgumentException("an integer outside the 64-bit range");
			}
			return v.longValue();
		}
		if (v.isNumber()) {
			return v.doubleValue();
		}
		if (v.isBoolean()) {
			return v.booleanValue();
		}
		if (v.isArray()) {
			List<Object> list = new ArrayList<>();
			v.forEach(x -> list.add(decode(x)));
			return list;
		}
		if (v.isObject() && v.size() == 1) {
			Map.Entry<String, JsonNode> e = v.properties().iterator().next();
			String text = e.getValue().asString();
			return switch (e.getKey()) {
				case "$bytes" -> Base64.getDecoder().decode(text);
				case "$datetime" -> ZonedDateTime.parse(text);
				case "$localdatetime" -> LocalDateTime.parse(text);
				case "$date" -> LocalDate.parse(text);
				default -> throw new IllegalArgumentException("unknown typed value " + e.getKey());
			};
		}
		throw new IllegalArgumentException("a property value must be a scalar, a list or a typed value");
	}

}
