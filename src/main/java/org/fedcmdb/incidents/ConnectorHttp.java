package org.fedcmdb.incidents;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.fedcmdb.events.EventSink;
import org.fedcmdb.graph.Json;

/** JSON over HTTP for the ITSM connectors: no redirects followed, a bounded wait, failures as outbox outcomes. */
final class ConnectorHttp {

	/** An answer: status, body and how long it took; status 0 when there was none. */
	record Answer(int status, String body, long ms, String error, Long retryAfterMs) {

		boolean ok() {
			return status >= 200 && status < 300;
		}

		EventSink.Delivery delivery(String what) {
			return EventSink.Delivery.of(status, ms, ok() ? null : what + ": " + (error != null ? error
					: "HTTP " + status + (body == null || body.isBlank() ? "" : " " + AlertPayloads.abbreviate(body))), retryAfterMs);
		}

	}

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();

	Answer send(String method, String url, Map<String, String> headers, Object body) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
			.header("Accept", "application/json").header("User-Agent", "fedcmdb-connectors/1");
		headers.forEach(b::header);
		if (body == null) {
			b.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			b.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
		}
		long t0 = System.nanoTime();
		try {
			HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
			long now = System.currentTimeMillis();
			return new Answer(r.statusCode(), r.body(), (System.nanoTime() - t0) / 1_000_000, null,
					EventSink.retryAfter(r.headers().firstValue("Retry-After").orElse(null), now));
		}
		catch (HttpTimeoutException ex) {
			return new Answer(0, null, (System.nanoTime() - t0) / 1_000_000, "no answer within " + TIMEOUT.toSeconds() + " s", null);
		}
		catch (IOException ex) {
			return new Answer(0, null, (System.nanoTime() - t0) / 1_000_000, "connection failed: " + ex, null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(0, null, 0, "interrupted (shutting down)", null);
		}
	}

	static String base(Map<String, String> settings) {
		return settings.get("url").replaceAll("/+$", "");
	}

}
