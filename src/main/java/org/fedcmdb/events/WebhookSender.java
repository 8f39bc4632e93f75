package org.fedcmdb.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import org.fedcmdb.graph.Json;

/**
 * One signed POST per Standard Webhooks v1: {@code webhook-id} (the event id, or for a batch an id derived from its
 * event ids: the same on every retry, the receiver's idempotency key), {@code webhook-timestamp} (this attempt) and
 * {@code webhook-signature} (HMAC-SHA256 of "id.timestamp.body" by the reference library; during a secret rotation's
 * grace period the old secret's signature too, space-separated). Redirects are not followed (a 3xx is a failure).
 */
final class WebhookSender {

	private final HttpClient http;

	private final Duration timeout;

	WebhookSender(Duration timeout) {
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout)
			.version(HttpClient.Version.HTTP_1_1).build();
	}

	/**
	 * @param outcome DELIVERED (2xx), GONE (410), THROTTLED (429, 502, 504; {@code retryAfterMs} when the receiver
	 * said), FAILED (anything else, a timeout, a refused connection, a target no longer allowed)
	 */
	record Outcome(String outcome, int status, long latencyMs, String error, Long retryAfterMs, String messageId) {
	}

	@SuppressWarnings("unchecked")
	Outcome send(WebhookTargets targets, Map<String, Object> sub, List<Map<String, Object>> events, long now) {
		int maxBatch = ((Number) sub.get("maxBatch")).intValue();
		String body;
		String messageId;
		if (maxBatch == 1) {
			body = Json.write(events.get(0));
			messageId = (String) events.get(0).get("id");
		}
		else {
			messageId = "msg_" + digest(events.stream().map(e -> (String) e.get("id")).toList());
			Map<String, Object> batch = new LinkedHashMap<>();
			batch.put("type", "batch");
			batch.put("events", events);
			body = Json.write(batch);
		}
		URI uri;
		try {
			uri = targets.check((String) sub.get("url"));
		}
		catch (EventException ex) {
			return new Outcome("FAILED", 0, 0, ex.code() + ": " + ex.getMessage(), null, messageId);
		}
		long timestamp = now / 1000;
		String signature;
		try {
			signature = new Webhook((String) sub.get("secret")).sign(messageId, timestamp, body);
			Object previous = sub.get("previousSecret");
			if (previous != null && sub.get("previousSecretUntil") instanceof Number until && until.longValue() > now) {
				signature += " " + new Webhook((String) previous).sign(messageId, timestamp, body);
			}
		}
		catch (WebhookSigningException | com.standardwebhooks.exceptions.EmptyWebhookSecretException | RuntimeException ex) {
			return new Outcome("FAILED", 0, 0, "cannot sign: " + ex.getMessage(), null, messageId);
		}
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
			.header("Content-Type", "application/json")
			.header("User-Agent", "fedcmdb-webhooks/1")
			.header("webhook-id", messageId)
			.header("webhook-timestamp", String.valueOf(timestamp))
			.header("webhook-signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		long t0 = System.nanoTime();
		try {
			HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
			long ms = (System.nanoTime() - t0) / 1_000_000;
			int status = r.statusCode();
			if (status >= 200 && status < 300) {
				return new Outcome("DELIVERED", status, ms, null, null, messageId);
			}
			if (status == 410) {
				return new Outcome("GONE", status, ms, "HTTP 410 Gone", null, messageId);
			}
			if (status == 429 || status == 502 || status == 504) {
				return new Outcome("THROTTLED", status, ms, "HTTP " + status,
						retryAfter(r.headers().firstValue("Retry-After").orElse(null), now), messageId);
			}
			return new Outcome("FAILED", status, ms, "HTTP " + status + (status >= 300 && status < 400
					? " (redirects are not followed: subscribe the final URL)" : ""), null, messageId);
		}
		catch (HttpTimeoutException ex) {
			return new Outcome("FAILED", 0, (System.nanoTime() - t0) / 1_000_000,
					"no answer within " + timeout.toSeconds() + " s", null, messageId);
		}
		catch (IOException ex) {
			return new Outcome("FAILED", 0, (System.nanoTime() - t0) / 1_000_000,
					"connection failed: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : " " + ex.getMessage()),
					null, messageId);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome("FAILED", 0, 0, "interrupted (shutting down)", null, messageId);
		}
	}

	/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
	static Long retryAfter(String value, long now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Math.max(0, Long.parseLong(value.trim())) * 1000;
		}
		catch (NumberFormatException ex) {
			try {
				return Math.max(0, ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
					.toEpochMilli() - now);
			}
			catch (RuntimeException ignored) {
				return null;
			}
		}
	}

	private static String digest(List<String> ids) {
		try {
			MessageDigest md = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(md.digest(String.join(",", ids).getBytes(StandardCharsets.UTF_8))).substring(0, 32);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
