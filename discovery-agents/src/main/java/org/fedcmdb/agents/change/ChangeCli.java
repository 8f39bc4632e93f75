package org.fedcmdb.agents.change;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.agents.change.ChangeArguments.Options;
import org.fedcmdb.agents.change.ChangeArguments.UsageException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fedcmdb-change}: the change gate from any CI system. Shipped with the standalone agents (same jar, its own
 * script); needs only a JDK 17.
 *
 * <pre>
 * fedcmdb-change request --server URL --token-file F --title "deploy api" --target app-uid-or-id [--target ...]
 *     [--type STANDARD|NORMAL|EMERGENCY] [--start now|RFC3339] [--end +1h|RFC3339] [--requester NAME]
 *     [--environment production] [--provider github --run-id 42 --attempt 1 --sha abc --url URL]
 *     [--idempotency-key K] [--wait 30m]
 * fedcmdb-change start ID --server URL --token-file F
 * fedcmdb-change complete ID --outcome SUCCESSFUL|FAILED [--comment C] --server URL --token-file F
 * </pre>
 *
 * A target is a CI id, {@code Class:identifier=value[,identifier=value]}, {@code k8s:cluster/namespace/workload} or
 * {@code service:name}. Exit codes: 0 approved (or the step done), 1 rejected, expired or cancelled, 3 still pending
 * at the deadline, 2 a usage error or a refused request, 4 the server could not be reached.
 */
public final class ChangeCli {

	static final int APPROVED = 0;

	static final int REJECTED = 1;

	static final int USAGE = 2;

	static final int PENDING = 3;

	static final int UNREACHABLE = 4;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PrintStream out;

	private final PrintStream err;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10)).build();

	ChangeCli(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		System.exit(new ChangeCli(System.out, System.err).run(args));
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		return new ChangeCli(out, err).run(args);
	}

	int run(String[] args) {
		try {
			if (args.length == 0) {
				throw new UsageException("a command: request, start or complete");
			}
			Options o = Options.parse(args);
			return switch (args[0]) {
				case "request" -> request(o);
				case "start" -> step(o, "start", Map.of());
				case "complete" -> step(o, "complete", outcome(o));
				default -> throw new UsageException("unknown command '" + args[0] + "' (request, start or complete)");
			};
		}
		catch (UsageException ex) {
			err.println("fedcmdb-change: " + ex.getMessage());
			err.println("usage: fedcmdb-change request|start|complete --server URL (--token T | --token-file F) ...");
			return USAGE;
		}
		catch (IOException ex) {
			err.println("fedcmdb-change: cannot reach the server: " + ex.getMessage());
			return UNREACHABLE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return UNREACHABLE;
		}
	}

	private int request(Options o) throws IOException, InterruptedException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", o.required("title"));
		body.put("type", o.one("type", "STANDARD").toUpperCase(java.util.Locale.ROOT));
		if (o.one("requester", null) != null) {
			body.put("requester", o.one("requester", null));
		}
		List<Object> targets = new ArrayList<>();
		for (String t : o.all("target")) {
			targets.add(ChangeArguments.target(t));
		}
		if (targets.isEmpty()) {
			throw new UsageException("at least one --target");
		}
		body.put("targets", targets);
		Instant now = Instant.now();
		Instant start = ChangeArguments.time(o.one("start", "now"), now);
		body.put("plannedStart", start.toString());
		body.put("plannedEnd", ChangeArguments.time(o.one("end", "+1h"), start).toString());
		Map<String, Object> pipeline = new LinkedHashMap<>();
		for (String k : List.of("provider", "run-id", "attempt", "sha", "environment", "url")) {
			String v = o.one(k, null);
			if (v != null) {
				pipeline.put(k.equals("run-id") ? "runId" : k, v);
			}
		}
		body.put("pipeline", pipeline);
		Duration wait = ChangeArguments.duration(o.one("wait", "0s"));
		HttpResponse<String> r = send(o, "POST", "/api/v1/changes", body, o.one("idempotency-key", null));
		JsonNode c = answer(r, 201);
		if (c == null) {
			return USAGE;
		}
		Instant deadline = Instant.now().plus(wait);
		while (c.get("status").asString().equals("PENDING") && Instant.now().isBefore(deadline)) {
			long left = Math.max(1, Math.min(60, Duration.between(Instant.now(), deadline).toSeconds()));
			c = answer(send(o, "GET", "/api/v1/changes/" + enc(c.get("id").asString()) + "?wait=" + left + "s", null, null), 200);
			if (c == null) {
				return USAGE;
			}
		}
		print(c);
		return switch (c.get("status").asString()) {
			case "APPROVED", "IMPLEMENTING", "COMPLETED" -> APPROVED;
			case "PENDING" -> PENDING;
			default -> REJECTED;
		};
	}

	private int step(Options o, String step, Map<String, Object> body) throws IOException, InterruptedException {
		String id = o.positional();
		JsonNode c = answer(send(o, "POST", "/api/v1/changes/" + enc(id) + "/" + step, body, null), 200);
		if (c == null) {
			return USAGE;
		}
		print(c);
		return c.get("status").asString().equals("EXPIRED") ? REJECTED : APPROVED;
	}

	private static Map<String, Object> outcome(Options o) {
		String outcome = o.required("outcome").toUpperCase(java.util.Locale.ROOT);
		if (!outcome.equals("SUCCESSFUL") && !outcome.equals("FAILED")) {
			throw new UsageException("--outcome is SUCCESSFUL or FAILED");
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("outcome", outcome);
		if (o.one("comment", null) != null) {
			m.put("comment", o.one("comment", null));
		}
		return m;
	}

	private HttpResponse<String> send(Options o, String method, String path, Object body, String key)
			throws IOException, InterruptedException {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(o.required("server").replaceAll("/+$", "") + path))
			.timeout(Duration.ofSeconds(120)).header("Accept", "application/json");
		String token = o.token();
		if (token != null) {
			b.header("Authorization", "Bearer " + token);
		}
		if (key != null) {
			b.header("Idempotency-Key", key);
		}
		if (body == null) {
			b.GET();
		}
		else {
			b.header("Content-Type", "application/json").method(method,
					HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The change, or null after printing the server's refusal. */
	private JsonNode answer(HttpResponse<String> r, int expected) {
		JsonNode n;
		try {
			n = JSON.readTree(r.body());
		}
		catch (RuntimeException ex) {
			err.println("fedcmdb-change: HTTP " + r.statusCode() + ": " + r.body());
			return null;
		}
		if (r.statusCode() != expected && r.statusCode() != 200) {
			err.println("fedcmdb-change: HTTP " + r.statusCode() + " " + n.path("code").asString("") + ": "
					+ n.path("message").asString(r.body()));
			return null;
		}
		return n;
	}

	private void print(JsonNode c) {
		out.println(c.get("status").asString() + " " + c.path("type").asString("") + " change " + c.get("id").asString()
				+ (c.hasNonNull("model") ? " (model " + c.get("model").asString() + ")" : "") + ": " + c.get("title").asString());
		out.println("  risk " + c.path("risk").asString("?") + ", " + c.path("impactedCount").asInt() + " CI(s) impacted");
		for (JsonNode r : c.path("reasons")) {
			out.println("  - [" + r.get("rule").asString() + "] " + r.get("message").asString());
		}
		out.println("  " + c.path("links").path("self").asString(""));
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
