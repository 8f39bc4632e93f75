package org.fedcmdb.incidents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.fedcmdb.graph.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the two alert notification shapes into {@link Alert}s, refusing the whole notification with a coded error
 * when any part is wrong (nothing is applied from a notification that is refused).
 * <ul>
 * <li>Prometheus Alertmanager's webhook payload, version "4" (fields this version does not know, such as
 * {@code notification_reason}, are ignored; another version is 422 UNSUPPORTED_VERSION). Older senders' alerts
 * without {@code fingerprint} get one derived from their labels, without {@code status} the group's.</li>
 * <li>The generic shape: {@code {"source": "zabbix", "alerts": [{"status", "labels", "annotations", "startsAt",
 * "endsAt", "fingerprint", "generatorURL"}]}}; a missing fingerprint is derived from the sorted labels as Alertmanager
 * does, a missing start is the receipt time (then the first receipt is kept).</li>
 * </ul>
 */
final class AlertPayloads {

	/** Alertmanager's "no end" ({@code 0001-01-01T00:00:00Z}) and anything before 1971 read as no end. */
	private static final Instant NO_TIME = Instant.parse("1971-01-01T00:00:00Z");

	static final int MAX_LABEL_CHARS = 4096;

	private final int maxAlerts;

	private final int maxLabels;

	AlertPayloads(int maxAlerts, int maxLabels) {
		this.maxAlerts = maxAlerts;
		this.maxLabels = maxLabels;
	}

	/** A parsed notification: its alerts and, for Alertmanager, the receiver and group key. */
	record Notification(String source, String receiver, String groupKey, List<Alert> alerts) {
	}

	Notification alertmanager(byte[] body, Instant now) {
		JsonNode root = read(body);
		JsonNode version = root.get("version");
		if (version == null || !version.isString() || !version.asString().equals("4")) {
			throw new AlertException(422, "UNSUPPORTED_VERSION", "Alertmanager webhook payload version "
					+ (version == null ? "(missing)" : abbreviate(version.toString())) + " is not supported; version \"4\" is");
		}
		List<Alert> alerts = alerts(root, "alertmanager", true, text(root, "status"), now);
		return new Notification("alertmanager", text(root, "receiver"), text(root, "groupKey"), alerts);
	}

	Notification generic(byte[] body, Instant now) {
		JsonNode root = read(body);
		String source = text(root, "source");
		if (source == null || !source.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
			throw new AlertException(400, "INVALID_ALERT", "source is required: 1-64 letters, digits, '_', '.', '-'");
		}
		return new Notification(source, null, null, alerts(root, source, false, null, now));
	}

	private List<Alert> alerts(JsonNode root, String source, boolean alertmanager, String groupStatus, Instant now) {
		JsonNode list = root.get("alerts");
		if (list == null || !list.isArray()) {
			throw new AlertException(400, "INVALID_ALERT", "alerts must be an array");
		}
		if (list.size() > maxAlerts) {
			throw new AlertException(413, "TOO_MANY_ALERTS", list.size() + " alerts in one notification; at most "
					+ maxAlerts + " (fedcmdb.incidents.max-alerts)");
		}
		List<Alert> out = new ArrayList<>(list.size());
		for (int i = 0; i < list.size(); i++) {
			try {
				out.add(alert(list.get(i), source, alertmanager, groupStatus, now));
			}
			catch (AlertException ex) {
				throw new AlertException(ex.status(), ex.code(), "alerts[" + i + "]: " + ex.getMessage());
			}
		}
		return out;
	}

	private Alert alert(JsonNode a, String source, boolean alertmanager, String groupStatus, Instant now) {
		if (a == null || !a.isObject()) {
			throw new AlertException(400, "INVALID_ALERT", "an alert is an object");
		}
		// Alertmanager before 0.16 sent no per-alert status (the group's is theirs) and before 0.19 no fingerprint
		String status = text(a, "status") == null && alertmanager ? groupStatus : text(a, "status");
		if (!"firing".equals(status) && !"resolved".equals(status)) {
			throw new AlertException(400, "INVALID_ALERT", "status must be \"firing\" or \"resolved\", not "
					+ (status == null ? "missing" : "\"" + abbreviate(status) + "\""));
		}
		Map<String, String> labels = strings(a, "labels");
		if (labels.isEmpty()) {
			throw new AlertException(400, "INVALID_ALERT", "an alert needs labels");
		}
		Map<String, String> annotations = strings(a, "annotations");
		Instant startsAt = time(a, "startsAt");
		if (startsAt == null) {
			if (alertmanager) {
				throw new AlertException(400, "INVALID_ALERT", "startsAt is required");
			}
			startsAt = null;
		}
		Instant endsAt = time(a, "endsAt");
		String fingerprint = text(a, "fingerprint");
		if (fingerprint == null || fingerprint.isBlank()) {
			fingerprint = fingerprint(labels);
		}
		if (fingerprint.length() > 128) {
			throw new AlertException(400, "INVALID_ALERT", "fingerprint is at most 128 characters");
		}
		boolean firing = status.equals("firing");
		if (!firing && endsAt == null) {
			endsAt = now;
		}
		if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
			throw new AlertException(400, "INVALID_ALERT", "endsAt " + endsAt + " is before startsAt " + startsAt);
		}
		return new Alert(fingerprint, startsAt, firing ? null : endsAt, firing, labels, annotations,
				text(a, "generatorURL"), source);
	}

	private Map<String, String> strings(JsonNode a, String field) {
		JsonNode n = a.get(field);
		if (n == null || n.isNull()) {
			return Map.of();
		}
		if (!n.isObject()) {
			throw new AlertException(400, "INVALID_ALERT", field + " must be an object of strings");
		}
		if (n.size() > maxLabels) {
			throw new AlertException(413, "TOO_MANY_LABELS", n.size() + " " + field + "; at most " + maxLabels
					+ " (fedcmdb.incidents.max-labels)");
		}
		Map<String, String> out = new TreeMap<>();
		for (Map.Entry<String, JsonNode> e : n.properties()) {
			if (!e.getValue().isString()) {
				throw new AlertException(400, "INVALID_ALERT", field + "." + abbreviate(e.getKey()) + " must be a string");
			}
			String v = e.getValue().asString();
			if (e.getKey().length() > 256 || v.length() > MAX_LABEL_CHARS) {
				throw new AlertException(413, "LABEL_TOO_LONG", field + "." + abbreviate(e.getKey())
						+ ": names are at most 256 characters and values " + MAX_LABEL_CHARS);
			}
			out.put(e.getKey(), v);
		}
		return out;
	}

	private static Instant time(JsonNode a, String field) {
		String v = text(a, field);
		if (v == null || v.isBlank()) {
			return null;
		}
		try {
			Instant t = java.time.OffsetDateTime.parse(v).toInstant();
			return t.isBefore(NO_TIME) ? null : t;
		}
		catch (DateTimeParseException ex) {
			throw new AlertException(400, "INVALID_ALERT", field + " is not an RFC 3339 time: " + abbreviate(v));
		}
	}

	private static JsonNode read(byte[] body) {
		try {
			JsonNode root = Json.MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
			if (root == null || !root.isObject()) {
				throw new AlertException(400, "MALFORMED_JSON", "the body must be a JSON object");
			}
			return root;
		}
		catch (JacksonException ex) {
			throw new AlertException(400, "MALFORMED_JSON", "the body is not valid JSON: " + abbreviate(ex.getOriginalMessage()));
		}
	}

	private static String text(JsonNode n, String field) {
		JsonNode v = n.get(field);
		return v == null || v.isNull() ? null : v.isString() ? v.asString() : v.toString();
	}

	/** Alertmanager's fingerprint is a hash of the sorted label set; for the generic shape we do the same (SHA-256). */
	static String fingerprint(Map<String, String> labels) {
		try {
			MessageDigest md = MessageDigest.getInstance("SHA-256");
			new TreeMap<>(labels).forEach((k, v) -> md.update((k + "\u0000" + v + "\u0000").getBytes(StandardCharsets.UTF_8)));
			return HexFormat.of().formatHex(md.digest()).substring(0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String abbreviate(String s) {
		return s == null ? "null" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
	}

}
