package org.fedcmdb.incidents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.events.EventException;
import org.fedcmdb.events.EventSink;
import org.fedcmdb.events.EventTypes;
import org.springframework.stereotype.Component;

/**
 * Incidents into PagerDuty through the Events API v2 ({@code POST /v2/enqueue}): {@code trigger} for opened and
 * updated, {@code resolve} for resolved, {@code dedup_key} the fedcmdb incident id (so PagerDuty keeps one alert per
 * incident, whatever the retries). Severity from the priority: P1 critical, P2 error, P3 warning, P4 info. Settings:
 * {@code routing-key} (the integration key of the service).
 */
@Component
class PagerDutySink implements EventSink {

	private final ConnectorHttp http = new ConnectorHttp();

	@Override
	public String format() {
		return "pagerduty";
	}

	@Override
	public Set<String> types() {
		return Set.of(EventTypes.INCIDENT_OPENED, EventTypes.INCIDENT_UPDATED, EventTypes.INCIDENT_RESOLVED);
	}

	@Override
	public void check(Map<String, String> settings) {
		String key = settings.get("routing-key");
		if (key == null || key.length() != 32) {
			throw new EventException(400, "INVALID_SUBSCRIPTION_CONFIG",
					"a pagerduty connector needs settings.routing-key, the 32-character integration key");
		}
	}

	@Override
	public Delivery deliver(Map<String, String> settings, Map<String, Object> event) {
		ConnectorHttp.Answer a = http.send("POST", ConnectorHttp.base(settings) + "/v2/enqueue", Map.of(),
				body(settings.get("routing-key"), (String) event.get("type"), event));
		return a.delivery("enqueue");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> body(String routingKey, String type, Map<String, Object> event) {
		Map<String, Object> data = (Map<String, Object>) event.get("data");
		Map<String, Object> b = new LinkedHashMap<>();
		b.put("routing_key", routingKey);
		b.put("event_action", type.equals(EventTypes.INCIDENT_RESOLVED) ? "resolve" : "trigger");
		b.put("dedup_key", data.get("incidentId"));
		if (!type.equals(EventTypes.INCIDENT_RESOLVED)) {
			Map<String, Object> cause = (Map<String, Object>) data.get("probableCause");
			Map<String, Object> p = new LinkedHashMap<>();
			String summary = "[" + data.get("priority") + "] " + data.get("title")
					+ (cause == null ? "" : " on " + cause.get("name"));
			p.put("summary", summary.length() > 1024 ? summary.substring(0, 1021) + "..." : summary);
			p.put("source", cause == null ? "fedcmdb" : String.valueOf(cause.get("name")));
			p.put("severity", switch (String.valueOf(data.get("priority"))) {
				case "P1" -> "critical";
				case "P2" -> "error";
				case "P3" -> "warning";
				default -> "info";
			});
			p.put("timestamp", event.get("occurredAt"));
			if (cause != null) {
				p.put("component", cause.get("name"));
				p.put("class", cause.get("class"));
			}
			if (data.get("assignmentGroup") != null) {
				p.put("group", data.get("assignmentGroup"));
			}
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("incident", data.get("incidentId"));
			details.put("probable_cause", cause);
			details.put("impacted_services", ((List<Map<String, Object>>) data.getOrDefault("impactedServices", List.of()))
				.stream().map(s -> s.get("name")).toList());
			details.put("alerts", data.get("alertCount"));
			details.put("firing", data.get("openAlertCount"));
			details.put("link", data.get("url"));
			p.put("custom_details", details);
			b.put("payload", p);
			if (data.get("url") != null) {
				b.put("links", List.of(Map.of("href", data.get("url"), "text", "fedcmdb incident " + data.get("incidentId"))));
			}
			b.put("client", "fedcmdb");
		}
		return b;
	}

}
