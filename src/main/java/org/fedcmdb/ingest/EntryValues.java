package org.fedcmdb.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The values of one snapshot entry, checked: identifier and attribute names, scalars and lists of them (no control
 * characters, no broken Unicode, 64-bit integers, finite numbers), the reserved attributes' types. A problem rejects
 * the entry alone ({@link SnapshotParser.Reject}). Refs too ({@link #isRef}).
 */
final class EntryValues {

	private EntryValues() {
	}

	/** A ref: an item's, a relationship end's, a snapshot's scope. */
	static final Pattern REF = Pattern.compile("[^\\p{Cntrl}]{1,200}");

	/**
	 * Whether {@code s} matches {@link #REF}: 1 to 200 code points (an unpaired surrogate counts as one), none an ASCII
	 * control character. Written out because the pattern's matcher allocated its state for every item and both ends
	 * of every relationship: about a twentieth of what a re-sent chunk's worker allocated.
	 */
	static boolean isRef(String s) {
		int n = s.length();
		if (n == 0 || n > 400 || n > 200 && s.codePointCount(0, n) > 200) {
			return false;
		}
		for (int i = 0; i < n; i++) {
			char c = s.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether {@code s} matches {@link SnapshotParser#ATTRIBUTE}: a letter or '_', then up to 99 letters, digits, '_',
	 * '.' or '-' (ASCII). Written out as {@link #isRef} is: the pattern's matcher allocated its state for every
	 * attribute and identifier name of every item (235 MB of an unchanged tier-M re-send's parse).
	 */
	static boolean isAttributeName(String s) {
		int n = s.length();
		if (n == 0 || n > 100 || !(letter(s.charAt(0)) || s.charAt(0) == '_')) {
			return false;
		}
		for (int i = 1; i < n; i++) {
			char c = s.charAt(i);
			if (!(letter(c) || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-')) {
				return false;
			}
		}
		return true;
	}

	private static boolean letter(char c) {
		return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
	}

	static Map<String, Object> identifiers(JsonNode ids) {
		if (ids == null || ids.isNull() || !ids.isObject() || ids.isEmpty()) {
			throw new SnapshotParser.Reject("MISSING_IDENTIFIERS", "'identifiers' must be a non-empty object");
		}
		Map<String, Object> out = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> e : ids.properties()) {
			if (!isAttributeName(e.getKey())) {
				throw new SnapshotParser.Reject("INVALID_IDENTIFIER",
						"identifier name '" + SnapshotParser.printable(e.getKey()) + "' is invalid");
			}
			JsonNode v = e.getValue();
			if (v.isArray()) {
				List<Object> values = new ArrayList<>();
				for (JsonNode x : v) {
					values.add(scalar(x, "identifier " + e.getKey()));
				}
				out.put(e.getKey(), values);
			}
			else if (!v.isNull()) {
				out.put(e.getKey(), scalar(v, "identifier " + e.getKey()));
			}
		}
		return out;
	}

	static Map<String, Object> attributes(JsonNode attrs) {
		Map<String, Object> out = new TreeMap<>();
		if (attrs == null || attrs.isNull()) {
			return out;
		}
		if (!attrs.isObject()) {
			throw new SnapshotParser.Reject("INVALID_ATTRIBUTE", "'attributes' must be an object");
		}
		if (attrs.size() > 500) {
			throw new SnapshotParser.Reject("INVALID_ATTRIBUTE", "at most 500 attributes per item");
		}
		for (Map.Entry<String, JsonNode> e : attrs.properties()) {
			String key = e.getKey();
			if (!isAttributeName(key)) {
				throw new SnapshotParser.Reject("INVALID_ATTRIBUTE", "attribute name '" + SnapshotParser.printable(key)
						+ "' is invalid: letters, digits, '_', '.', '-', starting with a letter or '_'");
			}
			JsonNode v = e.getValue();
			if (v.isNull()) {
				continue; // null never overwrites a value
			}
			Object value;
			if (v.isArray()) {
				List<Object> values = new ArrayList<>();
				for (JsonNode x : v) {
					values.add(scalar(x, "attribute " + key));
				}
				value = values;
			}
			else {
				value = scalar(v, "attribute " + key);
			}
			checkReserved(key, value);
			out.put(key, value);
		}
		return out;
	}

	private static void checkReserved(String key, Object value) {
		switch (key) {
			case "criticality" -> {
				if (!(value instanceof Long l) || l < 1 || l > 5) {
					throw new SnapshotParser.Reject("INVALID_ATTRIBUTE",
							"'criticality' must be an integer tier from 1 (most critical) to 5");
				}
			}
			case "minHealthy" -> {
				if (!(value instanceof Long l) || l < 0) {
					throw new SnapshotParser.Reject("INVALID_ATTRIBUTE", "'minHealthy' must be a non-negative integer");
				}
			}
			case "name", "owner", "supportGroup" -> {
				if (!(value instanceof String)) {
					throw new SnapshotParser.Reject("INVALID_ATTRIBUTE", "'" + key + "' must be a string");
				}
			}
			default -> {
			}
		}
	}

	private static Object scalar(JsonNode v, String what) {
		if (v.isString()) {
			String s = v.stringValue();
			if (s.length() > SnapshotParser.MAX_STRING) {
				throw new SnapshotParser.Reject("INVALID_ATTRIBUTE",
						what + " is longer than " + SnapshotParser.MAX_STRING + " characters");
			}
			for (int i = 0; i < s.length(); i++) {
				char ch = s.charAt(i);
				if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f
						|| (Character.isSurrogate(ch) && !validSurrogate(s, i))) {
					throw new SnapshotParser.Reject("INVALID_ATTRIBUTE", what + " contains a control character or broken Unicode");
				}
			}
			return s;
		}
		if (v.isIntegralNumber()) {
			if (!v.canConvertToLong()) { // found by fuzzing: a 100-digit integer escaped as a JsonNodeException
				throw new SnapshotParser.Reject("INVALID_ATTRIBUTE", what + " is an integer outside the 64-bit range");
			}
			return v.longValue();
		}
		if (v.isNumber()) {
			double d = v.doubleValue();
			if (Double.isNaN(d) || Double.isInfinite(d)) {
				throw new SnapshotParser.Reject("INVALID_ATTRIBUTE", what + " is not a finite number");
			}
			return d;
		}
		if (v.isBoolean()) {
			return v.booleanValue();
		}
		throw new SnapshotParser.Reject("INVALID_ATTRIBUTE", what + " must be a string, number, boolean or a list of them");
	}

	private static boolean validSurrogate(String s, int i) {
		char ch = s.charAt(i);
		if (Character.isHighSurrogate(ch)) {
			return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
		}
		return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
	}

}
