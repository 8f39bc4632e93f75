package org.fedcmdb.events;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on 127.0.0.1 (the JDK's server): records every request with its headers and body and answers
 * with the scripted responses in order (then 200), so tests inject 500s, timeouts, 410, 429 with Retry-After.
 */
public final class WebhookReceiver implements AutoCloseable {

	/**
	 * One received request; {@code verification} is null when it verified against {@link #verifyWith} at receipt (the
	 * reference library refuses timestamps older than five minutes, so a long test checks as a receiver would: on
	 * arrival), the library's message otherwise, or "unchecked" when no secret was set.
	 */
	public record Received(Map<String, List<String>> headers, String body, long at, String verification) {
		public String header(String name) {
			List<String> v = headers.get(name);
			return v == null || v.isEmpty() ? null : v.get(0);
		}
	}

	/** A scripted answer: status, optional Retry-After, optional delay before answering. */
	record Answer(int status, String retryAfter, long delayMs) {
		static Answer status(int s) {
			return new Answer(s, null, 0);
		}
	}

	public final List<Received> received = new CopyOnWriteArrayList<>();

	/** The secret to verify arrivals with; while it is null and {@link #requireSecret} is set, requests get 503. */
	public volatile String verifyWith;

	public volatile boolean requireSecret;

	public final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();

	private HttpServer server;

	private final int port;

	WebhookReceiver(int port) throws IOException {
		this.port = port;
		start();
	}

	public static WebhookReceiver start(int port) throws IOException {
		return new WebhookReceiver(port);
	}

	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
		server.createContext("/", this::handle);
		server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
		server.start();
	}

	public int port() {
		return server.getAddress().getPort();
	}

	public String url() {
		return "http://127.0.0.1:" + port() + "/hooks/fedcmdb";
	}

	public void stop() {
		server.stop(0);
	}

	private void handle(HttpExchange ex) throws IOException {
		try (InputStream in = ex.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), new ArrayList<>(v)));
			String secret = verifyWith;
			if (secret == null && requireSecret) {
				ex.sendResponseHeaders(503, -1);
				return;
			}
			String verification = "unchecked";
			if (secret != null) {
				try {
					new com.standardwebhooks.Webhook(secret).verify(body, headers);
					verification = null;
				}
				catch (Exception e) {
					verification = e.getMessage();
				}
			}
			received.add(new Received(headers, body, System.currentTimeMillis(), verification));
			Answer a = script.poll();
			if (a == null) {
				a = Answer.status(200);
			}
			if (a.delayMs() > 0) {
				try {
					Thread.sleep(a.delayMs());
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
			if (a.retryAfter() != null) {
				ex.getResponseHeaders().add("Retry-After", a.retryAfter());
			}
			ex.sendResponseHeaders(a.status(), -1);
		}
		catch (IOException e) {
			// the client gave up (a timeout test)
		}
		finally {
			ex.close();
		}
	}

	@Override
	public void close() {
		stop();
	}

}
