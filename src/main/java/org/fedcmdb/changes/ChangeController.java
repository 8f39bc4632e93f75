package org.fedcmdb.changes;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.fedcmdb.graph.Json;
import org.fedcmdb.idempotency.IdempotencyException;
import org.fedcmdb.idempotency.IdempotencyKeys;
import org.fedcmdb.longpoll.LongPolls;
import org.fedcmdb.security.Principal;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The change gate over REST, for pipelines: request (INGEST; {@code Idempotency-Key} honoured), read and wait for a
 * decision ({@code ?wait=60s} long-poll, READ), and report start, outcome or cancellation (INGEST).
 */
@RestController
@RequestMapping("/api/v1/changes")
class ChangeController {

	static final int MAX_BODY = 16 * 1024 * 1024;

	private final ChangeGate gate;

	private final ChangeLifecycle lifecycle;

	private final ChangeStore store;

	private final IdempotencyKeys idempotency;

	private final ChangeProperties properties;

	private final LongPolls polls;

	ChangeController(ChangeGate gate, ChangeLifecycle lifecycle, ChangeStore store, IdempotencyKeys idempotency,
			ChangeProperties properties, LongPolls polls) {
		this.gate = gate;
		this.lifecycle = lifecycle;
		this.store = store;
		this.idempotency = idempotency;
		this.properties = properties;
		this.polls = polls;
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> request(HttpServletRequest request) throws IOException {
		requireIngestRole(request);
		byte[] body = body(request);
		String caller = caller(request);
		IdempotencyKeys.Outcome o = idempotency.run("changes|" + caller, request.getHeader("Idempotency-Key"), body,
				() -> ChangeViews.rest(gate.request(input(object(body)), caller)));
		return ResponseEntity.status(201).header("Location", "/api/v1/changes/" + o.response().get("id"))
			.header("Idempotent-Replayed", String.valueOf(o.replayed())).body(o.response());
	}

	/**
	 * A change; {@code wait} long-polls while it is PENDING (a change advisory board's decision), holding no request
	 * thread ({@link LongPolls}): answered when it is decided, expired or withdrawn, or at the end of the wait.
	 */
	@GetMapping("/{id}")
	DeferredResult<ResponseEntity<Map<String, Object>>> get(@PathVariable String id,
			@RequestParam(required = false) String wait) {
		return polls.answer(waitFor(wait), RECHECK, last -> {
			ChangeRecord c = store.get(id);
			if (c == null) {
				throw new ChangeException(404, "CHANGE_NOT_FOUND", "no change " + ChangeStore.abbreviate(id));
			}
			return !"PENDING".equals(c.status) || last ? ResponseEntity.ok(ChangeViews.rest(c)) : null;
		});
	}

	/** How often a waiting change is read again (a decision made on another instance, or an expiry). */
	private static final Duration RECHECK = Duration.ofMillis(250);

	@PostMapping("/{id}/start")
	Map<String, Object> start(@PathVariable String id, HttpServletRequest request) {
		requireIngestRole(request);
		return ChangeViews.rest(lifecycle.start(id));
	}

	@PostMapping("/{id}/complete")
	Map<String, Object> complete(@PathVariable String id, HttpServletRequest request) throws IOException {
		requireIngestRole(request);
		Map<String, Object> in = object(body(request));
		return ChangeViews.rest(lifecycle.complete(id, text(in, "outcome"), text(in, "comment")));
	}

	@PostMapping("/{id}/cancel")
	Map<String, Object> cancel(@PathVariable String id, HttpServletRequest request) throws IOException {
		requireIngestRole(request);
		Map<String, Object> in = object(body(request));
		return ChangeViews.rest(lifecycle.cancel(id, caller(request), text(in, "comment")));
	}

	@SuppressWarnings("unchecked")
	static ChangeGate.Input input(Map<String, Object> in) {
		Object targets = in.get("targets");
		if (targets != null && !(targets instanceof List<?>)) {
			throw new ChangeException(400, "INVALID_CHANGE", "targets is a list");
		}
		Object pipeline = in.get("pipeline");
		if (pipeline != null && !(pipeline instanceof Map<?, ?>)) {
			throw new ChangeException(400, "INVALID_CHANGE", "pipeline is an object");
		}
		return new ChangeGate.Input(text(in, "title"), text(in, "requester"), text(in, "type"), (List<Object>) targets,
				time(in, "plannedStart"), time(in, "plannedEnd"), text(in, "implementationPlan"), text(in, "backoutPlan"),
				(Map<String, Object>) pipeline);
	}

	private static String text(Map<String, Object> in, String field) {
		Object v = in.get(field);
		if (v != null && !(v instanceof String)) {
			throw new ChangeException(400, "INVALID_CHANGE", field + " is a string");
		}
		return (String) v;
	}

	private static Instant time(Map<String, Object> in, String field) {
		Object v = in.get(field);
		if (v == null) {
			return null;
		}
		try {
			return java.time.OffsetDateTime.parse(String.valueOf(v)).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new ChangeException(400, "INVALID_WINDOW", field + " is not an RFC 3339 time");
		}
	}

	private Duration waitFor(String wait) {
		if (wait == null) {
			return Duration.ZERO;
		}
		try {
			Duration d = DurationStyle.detectAndParse(wait);
			if (d.isNegative() || d.compareTo(properties.maxWait()) > 0) {
				throw new IllegalArgumentException();
			}
			return d;
		}
		catch (IllegalArgumentException ex) {
			throw new ChangeException(400, "INVALID_WAIT", "wait is a duration up to " + properties.maxWait().toSeconds() + "s");
		}
	}

	/** The body as a JSON object (an empty body: an empty object), read once. */
	private static Map<String, Object> object(byte[] body) {
		try {
			Map<String, Object> m = Json.readMap(new String(body, java.nio.charset.StandardCharsets.UTF_8));
			if (m == null) {
				throw new ChangeException(400, "MALFORMED_JSON", "the body must be a JSON object");
			}
			return m;
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new ChangeException(400, "MALFORMED_JSON", "the body must be a JSON object");
		}
	}

	private static byte[] body(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY) {
			throw new ChangeException(413, "PAYLOAD_TOO_LARGE", "the body is over " + MAX_BODY / (1024 * 1024) + " MiB");
		}
		try (InputStream in = request.getInputStream()) {
			byte[] b = in.readNBytes(MAX_BODY + 1);
			if (b.length > MAX_BODY) {
				throw new ChangeException(413, "PAYLOAD_TOO_LARGE", "the body is over " + MAX_BODY / (1024 * 1024) + " MiB");
			}
			return b;
		}
	}

	/**
	 * The authentication filter refuses a caller without INGEST already; checked again here so that a change is not
	 * asked for or moved on the filter's reading of the path alone.
	 */
	static void requireIngestRole(HttpServletRequest request) {
		if (!(request.getAttribute(Principal.ATTRIBUTE) instanceof Principal p) || !p.has("INGEST")) {
			throw new ChangeException(403, "FORBIDDEN", "asking for or moving a change needs the INGEST role");
		}
	}

	private static String caller(HttpServletRequest request) {
		Object p = request.getAttribute(Principal.ATTRIBUTE);
		return p instanceof Principal pr ? pr.name() : Principal.UNRESTRICTED.name();
	}

	@ExceptionHandler(ChangeException.class)
	ResponseEntity<Map<String, Object>> refused(ChangeException ex) {
		return error(ex.status(), ex.code(), ex.getMessage());
	}

	@ExceptionHandler(IdempotencyException.class)
	ResponseEntity<Map<String, Object>> idempotency(IdempotencyException ex) {
		return error(ex.status(), ex.code(), ex.getMessage());
	}

	static ResponseEntity<Map<String, Object>> error(int status, String code, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", code);
		body.put("message", message);
		body.put("status", status);
		return ResponseEntity.status(status).body(body);
	}

}
