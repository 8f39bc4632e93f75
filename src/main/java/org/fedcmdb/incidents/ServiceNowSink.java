package org.fedcmdb.incidents;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.events.EventException;
import org.fedcmdb.events.EventSink;
import org.fedcmdb.events.EventTypes;
import org.fedcmdb.graph.Json;
import org.springframework.stereotype.Component;

/**
 * Incidents into ServiceNow through its Table API. Each event first looks the ticket up by {@code correlation_id}
 * (the fedcmdb incident id), so a retried create updates instead of duplicating: found, it is PATCHed; not found, it
 * is POSTed. Resolution PATCHes {@code state} 6 (Resolved) with a close code and notes. Reference fields
 * ({@code assignment_group}) are sent by display value. Settings: {@code username} and {@code password} (basic
 * authentication) or {@code token} (bearer), optional {@code close-code} and {@code caller}.
 */
@Component
class ServiceNowSink implements EventSink {

	static final String TABLE = "/api/now/table/incident";

	private final ConnectorHttp http = new ConnectorHttp();

	@Override
	public String format() {
		return "servicenow";
	}

	@Override
	public Set<String> types() {
		return Set.of(EventTypes.INCIDENT_OPENED, EventTypes.INCIDENT_UPDATED, EventTypes.INCIDENT_RESOLVED);
	}

	@Override
	public void check(Map<String, String> settings) {
		boolean basic = settings.get("username") != null && settings.get("password") != null;
		if (!basic && settings.get("token") == null) {
			throw new EventException(400, "INVALID_SUBSCRIPTION_CONFIG",
					"a servicenow connector needs settings.username and settings.password, or settings.token");
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public Delivery deliver(Map<String, String> settings, Map<String, Object> event) {
		Map<String, Object> data = (Map<String, Object>) event.get("data");
		String incidentId = (String) data.get("incidentId");
		Map<String, String> headers = Map.of("Authorization", authorization(settings));
		String base = ConnectorHttp.base(settings) + TABLE;
		ConnectorHttp.Answer found = http.send("GET", base + "?sysparm_fields=sys_id,state&sysparm_limit=1&sysparm_query="
				+ URLEncoder.encode("correlation_id=" + incidentId, StandardCharsets.UTF_8), headers, null);
		if (!found.ok()) {
			return found.delivery("look-up by correlation_id");
		}
		String sysId = sysIdOf(found.body());
		Map<String, Object> fields = fields(event.get("type").equals(EventTypes.INCIDENT_RESOLVED), data, settings);
		ConnectorHttp.Answer written = sysId == null
				? http.send("POST", base + "?sysparm_input_display_value=true", headers, fields)
				: http.send("PATCH", base + "/" + sysId + "?sysparm_input_display_value=true", headers, fields);
		return written.delivery(sysId == null ? "create" : "update " + sysId);
	}

	@SuppressWarnings("unchecked")
	static String sysIdOf(String body) {
		Object result = Json.readMap(body).get("result");
		if (result instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> m) {
			return (String) ((Map<String, Object>) m).get("sys_id");
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> fields(boolean resolved, Map<String, Object> data, Map<String, String> settings) {
		Map<String, Object> f = new LinkedHashMap<>();
		Map<String, Object> cause = (Map<String, Object>) data.get("probableCause");
		String causeName = cause == null ? null : (String) cause.get("name");
		String title = (String) data.get("title");
		String shortDescription = "[" + data.get("priority") + "] " + title + (causeName == null ? "" : " on " + causeName);
		f.put("short_description", shortDescription.length() > 160 ? shortDescription.substring(0, 157) + "..." : shortDescription);
		f.put("description", description(data));
		f.put("urgency", String.valueOf(data.get("urgency")));
		f.put("impact", String.valueOf(data.get("impact")));
		if (cause != null && cause.get("sysId") != null) {
			f.put("cmdb_ci", cause.get("sysId"));
		}
		if (data.get("assignmentGroup") != null) {
			f.put("assignment_group", data.get("assignmentGroup"));
		}
		if (settings.get("caller") != null) {
			f.put("caller_id", settings.get("caller"));
		}
		f.put("correlation_id", data.get("incidentId"));
		f.put("correlation_display", "fedcmdb");
		if (resolved) {
			f.put("state", "6");
			f.put("close_code", settings.getOrDefault("close-code", "Solved (Permanently)"));
			f.put("close_notes", "Resolved in fedcmdb: all " + data.get("alertCount") + " alert(s) resolved or resolved by hand.");
		}
		return f;
	}

	@SuppressWarnings("unchecked")
	private static String description(Map<String, Object> data) {
		StringBuilder b = new StringBuilder();
		b.append("fedcmdb incident ").append(data.get("incidentId")).append(", ").append(data.get("alertCount"))
			.append(" alert(s), ").append(data.get("openAlertCount")).append(" firing.\n");
		Map<String, Object> cause = (Map<String, Object>) data.get("probableCause");
		if (cause != null) {
			b.append("Probable cause: ").append(cause.get("class")).append(" ").append(cause.get("name"))
				.append(Boolean.TRUE.equals(cause.get("inferred")) ? " (inferred from topology, not alerting itself)" : "")
				.append("\n");
		}
		List<Map<String, Object>> services = (List<Map<String, Object>>) data.getOrDefault("impactedServices", List.of());
		if (!services.isEmpty()) {
			b.append("Impacted services: ");
			b.append(String.join(", ", services.stream().map(s -> s.get("name") + (s.get("criticality") == null ? ""
					: " (tier " + s.get("criticality") + ")")).toList()));
			b.append("\n");
		}
		if (data.get("url") != null) {
			b.append(data.get("url")).append("\n");
		}
		return b.toString();
	}

	private static String authorization(Map<String, String> settings) {
		if (settings.get("token") != null) {
			return "Bearer " + settings.get("token");
		}
		return "Basic " + Base64.getEncoder().encodeToString((settings.get("username") + ":" + settings.get("password"))
			.getBytes(StandardCharsets.UTF_8));
	}

}
