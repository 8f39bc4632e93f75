package org.fedcmdb.incidents;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.fedcmdb.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The alert receivers (ALERTS role, checked by the authentication filter): Alertmanager's webhook and the generic
 * shape. 200 with what the notification did; a refused notification is a coded error and applies nothing, so the
 * monitor's retry of a failed send is safe.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

	/** 10,000 alerts with their labels and annotations fit well within this. */
	static final int MAX_BODY = 32 * 1024 * 1024;

	private final IncidentService incidents;

	private final AlertPayloads payloads;

	AlertController(IncidentService incidents, IncidentProperties properties) {
		this.incidents = incidents;
		this.payloads = new AlertPayloads(properties.maxAlerts(), properties.maxLabels());
	}

	@PostMapping("/alertmanager")
	ResponseEntity<Map<String, Object>> alertmanager(HttpServletRequest request) throws IOException {
		requireAlertsRole(request);
		return answer(incidents.receive(payloads.alertmanager(body(request), Instant.now())));
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> generic(HttpServletRequest request) throws IOException {
		requireAlertsRole(request);
		return answer(incidents.receive(payloads.generic(body(request), Instant.now())));
	}

	/**
	 * The authentication filter refuses a caller without ALERTS already; checked again here so that the endpoint
	 * does not rest on the filter's reading of the path alone (as the backup and snapshot endpoints do not).
	 */
	private static void requireAlertsRole(HttpServletRequest request) {
		if (!(request.getAttribute(Principal.ATTRIBUTE) instanceof Principal p) || !p.has("ALERTS")) {
			throw new AlertException(403, "FORBIDDEN", "posting alerts needs the ALERTS role");
		}
	}

	private static ResponseEntity<Map<String, Object>> answer(IncidentService.Receipt r) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("received", r.received());
		body.put("applied", r.applied());
		body.put("duplicates", r.duplicates());
		body.put("unmapped", r.unmapped());
		body.put("resolved", r.resolved());
		body.put("incidentsOpened", r.incidentsOpened());
		body.put("incidentIds", r.incidentIds());
		return ResponseEntity.ok(body);
	}

	private static byte[] body(HttpServletRequest request) throws IOException {
		String type = request.getContentType();
		if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
			throw new AlertException(415, "UNSUPPORTED_MEDIA_TYPE", "send application/json, not " + AlertPayloads.abbreviate(type));
		}
		if (request.getContentLengthLong() > MAX_BODY) {
			throw new AlertException(413, "PAYLOAD_TOO_LARGE", "the body is over " + MAX_BODY / (1024 * 1024) + " MiB");
		}
		try (InputStream in = request.getInputStream()) {
			byte[] b = in.readNBytes(MAX_BODY + 1);
			if (b.length > MAX_BODY) {
				throw new AlertException(413, "PAYLOAD_TOO_LARGE", "the body is over " + MAX_BODY / (1024 * 1024) + " MiB");
			}
			return b;
		}
	}

	@ExceptionHandler(AlertException.class)
	ResponseEntity<Map<String, Object>> refused(AlertException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", ex.code());
		body.put("message", ex.getMessage());
		body.put("status", ex.status());
		return ResponseEntity.status(ex.status()).body(body);
	}

}
