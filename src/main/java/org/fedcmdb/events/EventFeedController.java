package org.fedcmdb.events;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.fedcmdb.longpoll.LongPolls;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code GET /api/v1/events?after=<cursor>&limit=500&types=ci.created,ci.updated&wait=30s} (READ role): the feed, in
 * sequence order, from after the cursor ({@code latest}: from now on); {@code wait} long-polls until something newer
 * exists.
 */
@RestController
@RequestMapping("/api/v1/events")
class EventFeedController {

	private static final Pattern WAIT = Pattern.compile("(\\d{1,4})(ms|s)?");

	private final EventFeed feed;

	private final LongPolls polls;

	EventFeedController(EventFeed feed, LongPolls polls) {
		this.feed = feed;
		this.polls = polls;
	}

	/** The page; its wait holds no request thread ({@link LongPolls}). */
	@GetMapping
	DeferredResult<ResponseEntity<Map<String, Object>>> read(@RequestParam(defaultValue = "0") String after,
			@RequestParam(defaultValue = "500") String limit, @RequestParam(required = false) String types,
			@RequestParam(required = false) String wait) {
		long cursor = cursor(after);
		int max = limit(limit);
		Set<String> filter = types(types);
		Duration waitFor = waitFor(wait);
		EventFeed.Poll poll = feed.poll(cursor, max, filter);
		return polls.answer(waitFor, EventFeed.POLL_INTERVAL, last -> {
			EventFeed.Page page = poll.look(last);
			return page == null ? null : ResponseEntity.ok(body(page));
		});
	}

	private static Map<String, Object> body(EventFeed.Page page) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("events", page.events());
		body.put("next", String.valueOf(page.next()));
		body.put("last", String.valueOf(page.last()));
		body.put("hasMore", page.hasMore());
		return body;
	}

	/** The JSON Schema (draft 2020-12) of the envelope and of each type's data, for receivers to validate with. */
	@GetMapping(value = "/schema", produces = "application/schema+json")
	ResponseEntity<org.springframework.core.io.Resource> schema() {
		return ResponseEntity.ok(new org.springframework.core.io.ClassPathResource("fedcmdb/events.schema.json"));
	}

	static long cursor(String after) {
		if (after == null || after.isEmpty()) {
			return 0;
		}
		if (after.equals("latest")) {
			return EventFeed.LATEST;
		}
		if (!after.matches("\\d{1,18}")) {
			throw new EventException(400, "INVALID_CURSOR",
					"after must be a cursor from a previous page (digits), or latest to start from now");
		}
		return Long.parseLong(after);
	}

	static int limit(String limit) {
		if (limit == null || !limit.matches("\\d{1,5}") || Integer.parseInt(limit) < 1
				|| Integer.parseInt(limit) > EventFeed.MAX_LIMIT) {
			throw new EventException(400, "INVALID_LIMIT", "limit must be 1 to " + EventFeed.MAX_LIMIT);
		}
		return Integer.parseInt(limit);
	}

	/** Comma-separated types, each known; blank: all. */
	static Set<String> types(String types) {
		Set<String> out = new LinkedHashSet<>();
		if (types == null || types.isBlank()) {
			return out;
		}
		if (types.length() > 1_000) {
			throw new EventException(400, "INVALID_FILTER", "the types filter is longer than 1000 characters");
		}
		for (String t : Arrays.stream(types.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
			if (!EventTypes.ALL.contains(t)) {
				throw new EventException(400, "UNKNOWN_EVENT_TYPE",
						"unknown event type '" + (t.length() > 64 ? t.substring(0, 64) + "..." : t) + "'; known: "
								+ new java.util.TreeSet<>(EventTypes.ALL));
			}
			out.add(t);
		}
		return out;
	}

	static Duration waitFor(String wait) {
		if (wait == null || wait.isEmpty()) {
			return Duration.ZERO;
		}
		Matcher m = WAIT.matcher(wait);
		if (!m.matches()) {
			throw new EventException(400, "INVALID_WAIT", "wait must look like 30s (at most 60s)");
		}
		Duration d = "ms".equals(m.group(2)) ? Duration.ofMillis(Long.parseLong(m.group(1)))
				: Duration.ofSeconds(Long.parseLong(m.group(1)));
		if (d.compareTo(EventFeed.MAX_WAIT) > 0) {
			throw new EventException(400, "INVALID_WAIT", "wait is at most 60s");
		}
		return d;
	}

	@ExceptionHandler(EventException.class)
	ResponseEntity<Map<String, Object>> refused(EventException ex) {
		return ResponseEntity.status(ex.status())
			.body(Map.of("code", ex.code(), "message", ex.getMessage(), "status", ex.status()));
	}

}
