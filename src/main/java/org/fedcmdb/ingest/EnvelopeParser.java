package org.fedcmdb.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.fedcmdb.reconciliation.RulesConfig;
import tools.jackson.databind.JsonNode;

/**
 * Checks a snapshot's envelope (source, mode, scope, complete, force, collectedAt); any problem refuses the whole
 * request with its code, before anything is stored.
 */
final class EnvelopeParser {

	static final long FUTURE_SKEW_MS = 5 * 60_000L;

	private final RulesConfig rules;

	EnvelopeParser(RulesConfig rules) {
		this.rules = rules;
	}

	SnapshotModel.Envelope parse(JsonNode body, long now) {
		if (body == null || !body.isObject()) {
			throw new SnapshotException(400, "INVALID_ENVELOPE", "The body must be a JSON object");
		}
		// checked in this order, so that a body with several problems gets the same first code every time
		String source = source(body);
		SnapshotModel.Mode mode = mode(body);
		String scope = scope(body);
		boolean complete = bool(body, "complete");
		boolean force = bool(body, "force");
		return new SnapshotModel.Envelope(source, scope, mode, complete, force, collectedAt(body, now));
	}

	private String source(JsonNode body) {
		JsonNode source = body.get("source");
		if (source != null && !source.isNull() && !source.isString()) {
			throw new SnapshotException(400, "INVALID_SOURCE", "'source' must be a string naming a registered source");
		}
		if (source == null || !source.isString() || source.stringValue().isBlank()) {
			throw new SnapshotException(400, "MISSING_SOURCE", "'source' (the registered data source) is required");
		}
		String name = source.stringValue();
		if (!SnapshotParser.SOURCE.matcher(name).matches()) {
			throw new SnapshotException(400, "INVALID_SOURCE",
					"'source' must be 1-100 letters, digits, '_', '.', ':' or '-'");
		}
		if (rules.find(name) == null) {
			throw new SnapshotException(400, "UNKNOWN_SOURCE",
					"Source '" + name + "' is not registered; add it to the rules file's sources");
		}
		return name;
	}

	private static SnapshotModel.Mode mode(JsonNode body) {
		JsonNode m = body.get("mode");
		if (m == null || m.isNull()) {
			return SnapshotModel.Mode.DELTA;
		}
		if (!m.isString()) {
			throw new SnapshotException(400, "INVALID_MODE", "'mode' must be FULL or DELTA");
		}
		try {
			return SnapshotModel.Mode.valueOf(m.stringValue());
		}
		catch (IllegalArgumentException ex) {
			throw new SnapshotException(400, "INVALID_MODE", "'mode' must be FULL or DELTA, not '" + m.stringValue() + "'");
		}
	}

	private static String scope(JsonNode body) {
		JsonNode s = body.get("scope");
		if (s == null || s.isNull()) {
			return "";
		}
		if (!s.isString() || s.stringValue().length() > 200 || !EntryValues.isRef(s.stringValue())) {
			throw new SnapshotException(400, "INVALID_SCOPE", "'scope' must be a string of 1-200 printable characters");
		}
		return s.stringValue();
	}

	private static long collectedAt(JsonNode body, long now) {
		JsonNode c = body.get("collectedAt");
		if (c == null || c.isNull()) {
			return now;
		}
		if (!c.isString()) {
			throw new SnapshotException(400, "INVALID_TIMESTAMP", "'collectedAt' must be an ISO-8601 string");
		}
		long collectedAt;
		try {
			collectedAt = OffsetDateTime.parse(c.stringValue()).toInstant().toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			throw new SnapshotException(400, "INVALID_TIMESTAMP",
					"'collectedAt' is not an ISO-8601 timestamp with offset, e.g. 2026-11-27T04:00:00Z");
		}
		if (collectedAt > now + FUTURE_SKEW_MS) {
			throw new SnapshotException(400, "TIMESTAMP_IN_FUTURE", "'collectedAt' "
					+ c.stringValue() + " is in the future (server time " + Instant.ofEpochMilli(now) + ")");
		}
		if (collectedAt < 0) {
			throw new SnapshotException(400, "INVALID_TIMESTAMP", "'collectedAt' is before 1970");
		}
		return collectedAt;
	}

	private static boolean bool(JsonNode body, String field) {
		JsonNode n = body.get(field);
		if (n == null || n.isNull()) {
			return false;
		}
		if (!n.isBoolean()) {
			throw new SnapshotException(400, "INVALID_ENVELOPE", "'" + field + "' must be true or false");
		}
		return n.booleanValue();
	}

}
