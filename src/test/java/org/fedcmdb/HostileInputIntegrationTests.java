package org.fedcmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The hostile and broken input of issue 6 in one table. Each row sends one request the way a careless or malicious
 * client would and checks the status, the error code, that no stack trace leaks, and that the graph (CIs, their
 * relationships and assertions, pending records and labels) is exactly as it was. Snapshot-level problems are
 * refused with 4xx before anything is stored; item-level problems are accepted (202) and the item is REJECTED with
 * its code while nothing of it is written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIntegrationTests extends IntegrationTestSupport {

	private static final int MB = 1024 * 1024;

	/** A request's answer: HTTP status, error code (top-level, GraphQL extension or per-item) and the raw body. */
	record Outcome(int status, String code, String body) {
	}

	private static final String U = unique();

	/** Three hundred servers that each have one MAC address; one record naming all of them must not merge them. */
	private final List<String> macs = new ArrayList<>();

	@BeforeAll
	void estate() {
		List<Object> items = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			String mac = String.format("02:%02x:%02x:00:00:%02x", i / 256, i % 256, U.charAt(0) % 256);
			macs.add(mac);
			items.add(item("m" + i, "Server", Map.of("serialNumber", "HOST-" + U + "-" + i, "macAddresses", List.of(mac)),
					attrs("name", "hostile-" + U + "-" + i)));
		}
		ingest(snapshot("declared", "DELTA", Instant.now(), items, List.of()));
	}

	static Stream<Arguments> cases() {
		List<Arguments> rows = new ArrayList<>();
		// ------------------------------------------------------------------ snapshot API, refused before storage
		rows.add(row("malformed JSON", t -> t.snapshotRaw("{\"source\": \"declared\", \"items\": [".getBytes()), 400, "MALFORMED_JSON"));
		rows.add(row("wrong types", t -> t.snapshotRaw("{\"source\": 42, \"items\": \"all\"}".getBytes()), 400, "INVALID_SOURCE"));
		rows.add(row("items is an object", t -> t.snapshotRaw("{\"source\":\"declared\",\"items\":{\"a\":1}}".getBytes()), 400, "INVALID_ENVELOPE"));
		rows.add(row("deeply nested JSON", t -> t.snapshotRaw(("{\"source\":\"declared\",\"items\":[" + "[".repeat(100_000)
				+ "]".repeat(100_000) + "]}").getBytes()), 400, "MALFORMED_JSON"));
		rows.add(row("200 MB body with Content-Length", t -> t.rawPost(200L * MB, false), 413, "PAYLOAD_TOO_LARGE"));
		rows.add(row("200 MB body streamed without length", t -> t.rawPost(200L * MB, true), 413, "PAYLOAD_TOO_LARGE"));
		rows.add(row("gzip bomb (200 MB inflated)", HostileInputIntegrationTests::gzipBomb, 413, "PAYLOAD_TOO_LARGE"));
		rows.add(row("zstd bomb (200 MB inflated)", t -> t.zstdPost(200, 0), 413, "PAYLOAD_TOO_LARGE"));
		rows.add(row("zstd frame asking for a 128 MB window", t -> t.zstdPost(1, 27), 400, "INVALID_ENCODING"));
		rows.add(row("zstd declared, plain JSON sent", t -> t.outcome(t.post("/api/v1/snapshots", "application/json",
				"{\"source\":\"declared\",\"items\":[]}".getBytes(), "Content-Encoding", "zstd")), 400, "INVALID_ENCODING"));
		rows.add(row("truncated zstd body", t -> t.outcome(t.post("/api/v1/snapshots", "application/json",
				java.util.Arrays.copyOf(com.github.luben.zstd.Zstd.compress(new byte[100_000], 1), 12), "Content-Encoding",
				"zstd")), 400, "INVALID_ENCODING"));
		rows.add(row("too many items in one chunk", t -> t.snapshotJson(manyItems(10_001)), 413, "TOO_MANY_ITEMS"));
		rows.add(row("invalid UTF-8 bytes", t -> t.snapshotRaw(invalidUtf8()), 400, "MALFORMED_JSON"));
		rows.add(row("wrong content type", t -> t.outcome(t.post("/api/v1/snapshots", "application/xml", "<a/>".getBytes())), 415, "UNSUPPORTED_MEDIA_TYPE"));
		rows.add(row("unknown content encoding", t -> t.outcome(t.post("/api/v1/snapshots", "application/json", "{}".getBytes(),
				"Content-Encoding", "br")), 415, "UNSUPPORTED_ENCODING"));
		rows.add(row("Cypher injection in source", t -> t.snapshotJson(Map.of("source", "declared'}) MATCH (n) DETACH DELETE n //",
				"items", List.of())), 400, "INVALID_SOURCE"));
		rows.add(row("invalid timestamp", t -> t.snapshotJson(Map.of("source", "declared", "collectedAt", "2026-13-45T99:00:00Z",
				"items", List.of())), 400, "INVALID_TIMESTAMP"));
		rows.add(row("timestamp far in the future", t -> t.snapshotJson(Map.of("source", "declared", "collectedAt",
				"2126-01-01T00:00:00Z", "items", List.of())), 400, "TIMESTAMP_IN_FUTURE"));
		rows.add(row("Idempotency-Key with control characters", t -> t.outcome(t.post("/api/v1/snapshots", "application/json",
				Json.MAPPER.writeValueAsBytes(Map.of("source", "declared", "items", List.of())), "Idempotency-Key",
				"x".repeat(500))), 400, "INVALID_IDEMPOTENCY_KEY"));
		// ------------------------------------------------------------------ per item: accepted, the entry REJECTED
		rows.add(row("unknown class", t -> t.itemCode(item("a", "Spaceship", Map.of("name", "x"), attrs())), 202, "UNKNOWN_CLASS"));
		rows.add(row("label injection in class", t -> t.itemCode(item("a", "Server:Admin", Map.of("fqdn", "x.example"), attrs())), 202, "UNKNOWN_CLASS"));
		rows.add(row("Cypher injection in class", t -> t.itemCode(item("a", "Server` {id:'x'}) DETACH DELETE c //",
				Map.of("fqdn", "x.example"), attrs())), 202, "UNKNOWN_CLASS"));
		rows.add(row("injection in attribute key", t -> t.itemCode(item("a", "Server", Map.of("fqdn", "k-" + U + ".example"),
				attrs("os`}) DETACH DELETE c //", "x"))), 202, "INVALID_ATTRIBUTE"));
		rows.add(row("control characters in a value", t -> t.itemCode(item("a", "Server", Map.of("fqdn", "c-" + U + ".example"),
				attrs("os", "Debian\u0007\u001b[2J"))), 202, "INVALID_ATTRIBUTE"));
		rows.add(row("lone surrogate in a value", t -> t.itemCode(item("a", "Server", Map.of("fqdn", "s-" + U + ".example"),
				attrs("os", "Deb\ud800ian"))), 202, "INVALID_ATTRIBUTE"));
		rows.add(row("an integer beyond 64 bits (found by fuzzing)", t -> t.itemCode(item("a", "Server",
				Map.of("fqdn", "big-" + U + ".example"), attrs("disks", new java.math.BigInteger("4" + "5".repeat(100))))),
				202, "INVALID_ATTRIBUTE"));
		rows.add(row("empty identifiers", t -> t.itemCode(item("a", "Server", Map.of(), attrs("name", "x"))), 202, "MISSING_IDENTIFIERS"));
		rows.add(row("blank identifier values", t -> t.itemCode(item("a", "Server", Map.of("fqdn", "  ", "serialNumber", ""),
				attrs())), 202, "MISSING_IDENTIFIERS"));
		rows.add(row("unknown identifier", t -> t.itemCode(item("a", "Server", Map.of("favouriteColour", "blue"), attrs())), 202,
				"MISSING_IDENTIFIERS"));
		rows.add(row("duplicate refs", t -> t.snapshotCode(List.of(item("a", "Server", Map.of("serialNumber",
				"HOST-" + U + "-0"), attrs("name", "hostile-" + U + "-0")), item("a", "Server", Map.of("serialNumber", "NEW-" + U),
				attrs())), List.of(), "item", 1), 202, "DUPLICATE_REF"));
		rows.add(row("dangling refs", t -> t.snapshotCode(List.of(), List.of(rel("RUNS_ON", "ghost", "phantom")), "relationship", 0),
				202, "DANGLING_REF"));
		rows.add(row("unknown relationship type", t -> t.snapshotCode(List.of(), List.of(rel("OWNS`]->(x) DETACH DELETE x //",
				"a", "b")), "relationship", 0), 202, "UNKNOWN_RELATIONSHIP_TYPE"));
		rows.add(row("self-loop by ref", t -> t.snapshotCode(List.of(), List.of(rel("DEPENDS_ON", "a", "a")), "relationship", 0),
				202, "SELF_LOOP"));
		rows.add(row("self-loop by look-up", t -> t.snapshotCode(List.of(), List.of(rel("DEPENDS_ON",
				lookup("Server", Map.of("serialNumber", "HOST-" + U + "-1")), lookup("Server", Map.of("macAddresses",
						List.of(t.macs.get(1)))))), "relationship", 0), 202, "SELF_LOOP"));
		rows.add(row("RUNS_ON cycle", t -> t.snapshotCode(List.of(), List.of(rel("RUNS_ON", "vm", "hv"), rel("RUNS_ON", "hv", "vm")),
				"relationship", 1), 202, "PLACEMENT_CYCLE"));
		rows.add(row("an identifier matching hundreds of CIs", t -> t.itemCode(item("a", "Server", Map.of("macAddresses", t.macs),
				attrs("name", "everything"))), 202, "MULTI_MATCH"));
		// ------------------------------------------------------------------ GraphQL, refused before execution
		rows.add(row("GraphQL too deep", t -> t.graphqlOutcome("{ cis(first: 1) { edges { node { " + "relationships { ci { ".repeat(9)
				+ "id" + " } }".repeat(9) + " } } } }"), 200, "MAX_DEPTH_EXCEEDED"));
		rows.add(row("GraphQL too many aliases", t -> t.graphqlOutcome("{" + aliases(50) + " }"), 200, "MAX_ALIASES_EXCEEDED"));
		rows.add(row("GraphQL too complex", t -> t.graphqlOutcome("{ cis(first: 1) { edges { node { " + "id ".repeat(6000)
				+ "} } } }"), 200, "MAX_COMPLEXITY_EXCEEDED"));
		rows.add(row("GraphQL page too large", t -> t.graphqlOutcome("{ cis(first: 1000000) { edges { node { id } } } }"), 200,
				"PAGE_SIZE_EXCEEDED"));
		rows.add(row("GraphQL huge document", t -> t.graphqlOutcome("{ classes { name } }" + "#".repeat(2 * MB)), 200,
				"DOCUMENT_TOO_LARGE"));
		rows.add(row("GraphQL cyclic fragments", t -> t.graphqlOutcome("query { cis { edges { node { ...A } } } } "
				+ "fragment A on CI { relationships { ci { ...B } } } fragment B on CI { relationships { ci { ...A } } }"), 200,
				"VALIDATION_ERROR"));
		rows.add(row("GraphQL batched query array", t -> t.graphqlRaw(("[" + "{\"query\":\"{ classes { name } }\"},".repeat(100)
				+ "{\"query\":\"{ classes { name } }\"}]").getBytes()), 400, "BATCHING_NOT_SUPPORTED"));
		rows.add(row("GraphQL 200 MB body", t -> t.outcome(t.post("/graphql", "application/json", new byte[200 * MB])), 413,
				"PAYLOAD_TOO_LARGE"));
		rows.add(row("GraphQL body that is not an object", t -> t.graphqlRaw("\"{ classes { name } }\"".getBytes()), 400,
				"INVALID_REQUEST"));
		rows.add(row("GraphQL malformed JSON", t -> t.graphqlRaw("{\"query\": ".getBytes()), 400, "MALFORMED_JSON"));
		rows.add(row("GraphQL invalid UTF-8", t -> t.graphqlRaw(utf8Broken("{\"query\":\"{ classes { name } }\"}")), 400,
				"MALFORMED_JSON"));
		rows.add(row("GraphQL mutation with a read token", t -> {
			t.token = READ_TOKEN;
			try {
				return t.graphqlOutcome("mutation { splitCi(ciId: \"x\", sources: [\"declared\"]) { id } }");
			}
			finally {
				t.token = ADMIN_TOKEN;
			}
		}, 200, "FORBIDDEN"));
		rows.add(row("GraphQL: a reader's admin query inside a fragment", t -> t.as(READ_TOKEN,
				() -> t.graphqlOutcome("{ ... { subscriptions { id url } } }")), 200, "FORBIDDEN"));
		rows.add(row("tokens: sources on an ADMIN token (no limit at all)", t -> t.graphqlOutcome(
				"mutation { createToken(name: \"hostile-admin\", roles: [ADMIN], sources: [\"nmap-*\"]) { secret } }"), 200,
				"INVALID_ARGUMENT"));
		// ------------------------------------------------------------------ events: the feed and webhook subscriptions
		rows.add(row("event feed: unknown type", t -> t.outcome(t.get("/api/v1/events?types=ci.created,ci.exploded")), 400,
				"UNKNOWN_EVENT_TYPE"));
		rows.add(row("event feed: injection in the cursor", t -> t.outcome(t.get("/api/v1/events?after=1%27%20OR%201=1")), 400,
				"INVALID_CURSOR"));
		rows.add(row("event feed: a million events at once", t -> t.outcome(t.get("/api/v1/events?limit=1000000")), 400,
				"INVALID_LIMIT"));
		rows.add(row("event feed: a wait of an hour", t -> t.outcome(t.get("/api/v1/events?wait=3600s")), 400, "INVALID_WAIT"));
		rows.add(row("snapshot status: a wait of an hour", t -> t.outcome(t.get("/api/v1/snapshots/"
				+ java.util.UUID.randomUUID() + "?wait=3600s")), 400, "INVALID_WAIT"));
		rows.add(row("snapshot status: a negative page", t -> t.outcome(t.get("/api/v1/snapshots/"
				+ java.util.UUID.randomUUID() + "?limit=-1")), 400, "INVALID_LIMIT"));
		rows.add(row("snapshot status: a page of a billion entries", t -> t.outcome(t.get("/api/v1/snapshots/"
				+ java.util.UUID.randomUUID() + "?limit=1000000000")), 400, "INVALID_LIMIT"));
		rows.add(row("snapshot status: an offset that is no number", t -> t.outcome(t.get("/api/v1/snapshots/"
				+ java.util.UUID.randomUUID() + "?offset=1e9")), 400, "INVALID_OFFSET"));
		rows.add(row("snapshot status: a wait that is no duration", t -> t.outcome(t.get("/api/v1/snapshots/"
				+ java.util.UUID.randomUUID() + "?wait=-5s%27%20OR%201=1")), 400, "INVALID_WAIT"));
		rows.add(row("webhook to the cloud metadata service", t -> t.subscribe(Map.of("url",
				"http://169.254.169.254/latest/meta-data/iam/")), 200, "URL_NOT_ALLOWED"));
		rows.add(row("webhook to a private address", t -> t.subscribe(Map.of("url", "https://10.20.30.40/hook")), 200,
				"URL_NOT_ALLOWED"));
		rows.add(row("webhook URL with credentials", t -> t.subscribe(Map.of("url", "https://admin:pw@example.com/hook")), 200,
				"INVALID_URL"));
		rows.add(row("webhook with a file URL", t -> t.subscribe(Map.of("url", "file:///etc/passwd")), 200, "INVALID_URL"));
		rows.add(row("webhook filter of 10,000 types", t -> t.subscribe(Map.of("url", "http://127.0.0.1:9/x", "types",
				java.util.Collections.nCopies(10_000, "ci.created"))), 200, "INVALID_FILTER"));
		rows.add(row("webhook with an unknown class", t -> t.subscribe(Map.of("url", "http://127.0.0.1:9/x", "classes",
				List.of("Server` DETACH DELETE"))), 200, "UNKNOWN_CLASS"));
		rows.add(row("webhook subscription with a read token", t -> {
			t.token = READ_TOKEN;
			try {
				return t.subscribe(Map.of("url", "http://127.0.0.1:9/x"));
			}
			finally {
				t.token = ADMIN_TOKEN;
			}
		}, 200, "FORBIDDEN"));
		// ------------------------------------------------------------------ alerts and incidents
		rows.add(row("alerts: malformed JSON", t -> t.alerts("{\"version\":\"4\",\"alerts\":[".getBytes()), 400, "MALFORMED_JSON"));
		rows.add(row("alerts: an unknown payload version", t -> t.alerts(Map.of("version", "3", "alerts", List.of())), 422,
				"UNSUPPORTED_VERSION"));
		rows.add(row("alerts: 10,001 alerts in one notification", t -> t.alerts(Map.of("version", "4", "alerts",
				java.util.Collections.nCopies(10_001, firing(Map.of("alertname", "X"))))), 413, "TOO_MANY_ALERTS"));
		rows.add(row("alerts: 101 labels", t -> t.alerts(Map.of("version", "4", "alerts", List.of(firing(manyLabels(101))))),
				413, "TOO_MANY_LABELS"));
		rows.add(row("alerts: a 5,000-character label", t -> t.alerts(Map.of("version", "4", "alerts",
				List.of(firing(Map.of("alertname", "x".repeat(5_000)))))), 413, "LABEL_TOO_LONG"));
		rows.add(row("alerts: a label that is not a string", t -> t.alerts(Map.of("version", "4", "alerts",
				List.of(firing(Map.of("alertname", List.of("a", "b")))))), 400, "INVALID_ALERT"));
		rows.add(row("alerts: one bad alert among good ones", t -> t.alerts(Map.of("version", "4", "alerts", List.of(
				firing(Map.of("alertname", "good-" + U)), Map.of("status", "exploded", "labels", Map.of("a", "b"))))), 400,
				"INVALID_ALERT"));
		rows.add(row("alerts: 40 MB body", t -> t.rawPost("/api/v1/alerts/alertmanager", ALERTS_TOKEN, 40L * MB, false), 413,
				"PAYLOAD_TOO_LARGE"));
		rows.add(row("alerts: 40 MB body streamed without length", t -> t.rawPost("/api/v1/alerts/alertmanager", ALERTS_TOKEN,
				40L * MB, true), 413, "PAYLOAD_TOO_LARGE"));
		rows.add(row("alerts: XML", t -> t.alerts("/api/v1/alerts/alertmanager", "application/xml", "<a/>".getBytes()), 415,
				"UNSUPPORTED_MEDIA_TYPE"));
		rows.add(row("alerts: generic shape without a source", t -> t.alerts("/api/v1/alerts", "application/json",
				"{\"alerts\":[]}".getBytes()), 400, "INVALID_ALERT"));
		rows.add(row("alerts: with a read token", t -> {
			t.token = READ_TOKEN;
			try {
				return t.outcome(t.post("/api/v1/alerts/alertmanager", "application/json", "{}".getBytes()));
			}
			finally {
				t.token = ADMIN_TOKEN;
			}
		}, 403, "FORBIDDEN"));
		rows.add(row("incidents: acknowledge one that does not exist", t -> t.graphqlOutcome(
				"mutation { acknowledgeIncident(id: \"inc_1') DETACH DELETE n //\") { id } }"), 200, "INCIDENT_NOT_FOUND"));
		rows.add(row("problems: a known error without its workaround", t -> t.graphqlOutcome(
				"mutation { createProblem(input: {title: \"t\", knownError: true}) { id } }"), 200, "INVALID_PROBLEM"));
		rows.add(row("problems: an unknown CI", t -> t.graphqlOutcome(
				"mutation { createProblem(input: {title: \"t\", ciIds: [\"nope\"]}) { id } }"), 200, "UNKNOWN_CI"));
		// ------------------------------------------------------------------ as-of questions and graphDiff
		rows.add(row("as-of: an instant in the future", t -> t.graphqlOutcome(
				"{ blastRadius(ciIds: [\"x\"], asOf: \"2999-01-01T00:00:00Z\") { totalImpacted } }"), 200, "AS_OF_IN_FUTURE"));
		rows.add(row("as-of: an instant that is no date", t -> t.graphqlOutcome(
				"{ ci(id: \"x\", asOf: \"yesterday') DETACH DELETE n //\") { id } }"), 200, "VALIDATION_ERROR"));
		rows.add(row("as-of: an instant before the history's retention", t -> t.graphqlOutcome(
				"{ ci(id: \"x\", asOf: \"2001-01-01T00:00:00Z\") { id } }"), 200, "AS_OF_BEYOND_RETENTION"));
		rows.add(row("graphDiff: from after to", t -> t.graphqlOutcome(
				"{ graphDiff(from: \"2026-02-01T00:00:00Z\", to: \"2026-01-01T00:00:00Z\", scope: {class: \"Server\"}) { scopeSize } }"),
				200, "INVALID_WINDOW"));
		rows.add(row("graphDiff: no scope", t -> t.graphqlOutcome(
				"{ graphDiff(from: \"2026-01-01T00:00:00Z\", scope: {}) { scopeSize } }"), 200, "SCOPE_REQUIRED"));
		rows.add(row("graphDiff: an unknown class", t -> t.graphqlOutcome(
				"{ graphDiff(from: \"2026-01-01T00:00:00Z\", scope: {class: \"Server') DETACH DELETE n //\"}) { scopeSize } }"),
				200, "UNKNOWN_CLASS"));
		rows.add(row("graphDiff: 5,000 scope CIs", t -> t.graphqlOutcome(
				"{ graphDiff(from: \"2026-01-01T00:00:00Z\", scope: {ciIds: [" + "\"x\",".repeat(5000) + "\"y\"]}) { scopeSize } }"),
				200, "INVALID_ARGUMENT"));
		rows.add(row("graphDiff: a page too large", t -> t.graphqlOutcome(
				"{ graphDiff(from: \"2026-01-01T00:00:00Z\", scope: {class: \"Server\"}, first: 1000000) { scopeSize } }"),
				200, "PAGE_SIZE_EXCEEDED"));
		// ------------------------------------------------------------------ the change gate
		rows.add(row("changes: malformed JSON", t -> t.outcome(t.post("/api/v1/changes", "application/json",
				"{\"title\":".getBytes())), 400, "MALFORMED_JSON"));
		rows.add(row("changes: a target that is no CI", t -> t.outcome(t.post("/api/v1/changes", "application/json",
				Json.MAPPER.writeValueAsBytes(Map.of("title", "t", "type", "STANDARD", "targets", List.of("x') DETACH DELETE n //"),
						"plannedStart", "2031-02-01T00:00:00Z", "plannedEnd", "2031-02-01T01:00:00Z")))), 422, "UNKNOWN_TARGET"));
		rows.add(row("changes: a target of an unknown class", t -> t.outcome(t.post("/api/v1/changes", "application/json",
				Json.MAPPER.writeValueAsBytes(Map.of("title", "t", "type", "STANDARD", "targets", List.of(Map.of("class",
						"Server`:Admin", "identifiers", Map.of("fqdn", "x"))), "plannedStart", "2031-02-01T00:00:00Z",
						"plannedEnd", "2031-02-01T01:00:00Z")))), 400, "INVALID_TARGET"));
		rows.add(row("changes: a window in the past", t -> t.outcome(t.post("/api/v1/changes", "application/json",
				Json.MAPPER.writeValueAsBytes(Map.of("title", "t", "type", "STANDARD", "targets", List.of("x"),
						"plannedStart", "2020-02-01T00:00:00Z", "plannedEnd", "2020-02-01T01:00:00Z")))), 400, "WINDOW_IN_PAST"));
		rows.add(row("GitHub event with a forged signature", t -> t.outcome(t.post(
				"/api/v1/integrations/github/deployment-protection", "application/json", "{}".getBytes(),
				"X-GitHub-Event", "deployment_protection_rule", "X-Hub-Signature-256", "sha256=" + "ab".repeat(32))), 401,
				"INVALID_SIGNATURE"));
		// ------------------------------------------------------------------ the console and its queries
		rows.add(row("console: a path climbing out of the public pages", t -> t.anonymous(() -> t.outcome(
				t.get("/console/../api/v1/events"))), 400, "INVALID_PATH"));
		rows.add(row("console: an encoded climb out of GraphiQL", t -> t.anonymous(() -> t.outcome(
				t.get("/graphiql/%2e%2e/graphql"))), 400, "INVALID_PATH"));
		rows.add(row("alerts: a reader posting through a path parameter", t -> t.as(READ_TOKEN, () -> t.outcome(
				t.post("/api/v1;p=1/alerts", "application/json", "{}".getBytes()))), 400, "INVALID_PATH"));
		rows.add(row("changes: a reader posting through a percent-encoded path", t -> t.as(READ_TOKEN, () -> t.outcome(
				t.post("/api/v1/%63hanges", "application/json", "{}".getBytes()))), 400, "INVALID_PATH"));
		rows.add(row("console: who am I, with a revoked or made-up token", t -> {
			t.token = "made-up-token-0123456789";
			try {
				return t.graphqlOutcome("{ viewer { name } }");
			}
			finally {
				t.token = ADMIN_TOKEN;
			}
		}, 401, "UNAUTHENTICATED"));
		rows.add(row("console: facets of a class with a label injection", t -> t.graphqlOutcome(
				"{ ciFacets(filter: {class: \"Server`:Admin\"}) { total } }"), 200, "UNKNOWN_CLASS"));
		rows.add(row("console: blast-radius edges of 1,001 CIs", t -> t.graphqlOutcome("{ blastRadius(ciIds: ["
				+ "\"x\",".repeat(1001) + "]) { edges { from } } }"), 200, "INVALID_ARGUMENT"));
		// ------------------------------------------------------------------ backup and restore
		rows.add(row("import into a server that holds CIs", t -> t.outcome(t.post("/api/v1/admin/import",
				"application/gzip", "{}".getBytes())), 409, "IMPORT_TARGET_NOT_EMPTY"));
		rows.add(row("export with a read token", t -> {
			t.token = READ_TOKEN;
			try {
				return t.outcome(t.get("/api/v1/admin/export"));
			}
			finally {
				t.token = ADMIN_TOKEN;
			}
		}, 403, "FORBIDDEN"));
		return rows.stream();
	}

	Outcome anonymous(java.util.function.Supplier<Outcome> call) {
		return as(null, call);
	}

	Outcome as(String secret, java.util.function.Supplier<Outcome> call) {
		String saved = token;
		token = secret;
		try {
			return call.get();
		}
		finally {
			token = saved;
		}
	}

	private static Map<String, Object> firing(Map<String, Object> labels) {
		return Map.of("status", "firing", "labels", labels, "startsAt", "2026-12-01T00:00:00Z", "fingerprint", "f1");
	}

	private static Map<String, Object> manyLabels(int n) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < n; i++) {
			m.put("l" + i, "v");
		}
		return m;
	}

	/** Posts to the Alertmanager receiver with the ALERTS token (the shared one stays as it is). */
	Outcome alerts(Object body) {
		return alerts(Json.MAPPER.writeValueAsBytes(body));
	}

	Outcome alerts(byte[] body) {
		return alerts("/api/v1/alerts/alertmanager", "application/json", body);
	}

	Outcome alerts(String path, String type, byte[] body) {
		String saved = token;
		token = ALERTS_TOKEN;
		try {
			return outcome(post(path, type, body));
		}
		finally {
			token = saved;
		}
	}

	Outcome subscribe(Map<String, Object> input) {
		return graphqlRaw(Json.MAPPER.writeValueAsBytes(Map.of("query",
				"mutation($in: SubscriptionInput!) { createSubscription(input: $in) { secret } }", "variables",
				Map.of("in", input))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void hostileInputIsRefusedWithACodeAndChangesNothing(String what, Function<HostileInputIntegrationTests, Outcome> send,
			int status, String code) {
		String before = fingerprint();
		Outcome outcome = send.apply(this);
		assertThat(outcome.status()).as(outcome.body()).isEqualTo(status);
		assertThat(outcome.code()).as(outcome.body()).isEqualTo(code);
		assertThat(outcome.body()).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("at org.");
		assertThat(fingerprint()).as("the graph after: %s", what).isEqualTo(before);
	}

	private static Arguments row(String what, Function<HostileInputIntegrationTests, Outcome> send, int status,
			String code) {
		return Arguments.of(what, send, status, code);
	}

	/** What a refused request must not change; the scheduled nmap agent of the test server is left out. */
	private String fingerprint() {
		try (var s = driver.session()) {
			var r = s.run("""
					MATCH (c:CI) WHERE NOT 'nmap-lab' IN coalesce(c.sourceNames, [])
					OPTIONAL MATCH (c)-[e]->(:CI)
					WITH count(DISTINCT c) AS cis, count(e) AS edges
					CALL () { MATCH (a:Assertion) WHERE a.source <> 'nmap-lab' RETURN count(a) AS assertions }
					CALL () { MATCH (p:PendingEdge) RETURN count(p) AS pendingEdges }
					CALL () { MATCH (p:PendingItem) RETURN count(p) AS pendingItems }
					CALL () { CALL db.labels() YIELD label RETURN collect(label) AS labels }
					CALL () { MATCH (w:Subscription) RETURN count(w) AS subscriptions }
					RETURN cis, edges, assertions, pendingEdges, pendingItems, labels, subscriptions""").single();
			return r.asMap().toString();
		}
	}

	// ---------------------------------------------------------------------------------------------- senders

	Outcome outcome(HttpResponse<String> r) {
		return new Outcome(r.statusCode(), errorCode(r.body()), r.body());
	}

	private static String errorCode(String body) {
		try {
			JsonNode n = Json.MAPPER.readTree(body);
			if (n.has("errors")) {
				return n.get("errors").get(0).path("extensions").path("code").asString(null);
			}
			return n.path("code").asString(null);
		}
		catch (RuntimeException ex) {
			return "NOT_JSON: " + body;
		}
	}

	Outcome snapshotRaw(byte[] body) {
		return outcome(post("/api/v1/snapshots", "application/json", body));
	}

	Outcome snapshotJson(Object body) {
		return snapshotRaw(Json.MAPPER.writeValueAsBytes(body));
	}

	/** A DELTA snapshot with one item; the outcome's code is that item's rejection code. */
	Outcome itemCode(Map<String, Object> item) {
		return snapshotCode(List.of(item), List.of(), "item", 0);
	}

	Outcome snapshotCode(List<?> items, List<?> rels, String kind, int index) {
		HttpResponse<String> r = post("/api/v1/snapshots", "application/json",
				Json.MAPPER.writeValueAsBytes(snapshot("declared", "DELTA", Instant.now(), items, rels)));
		if (r.statusCode() != 202) {
			return outcome(r);
		}
		JsonNode s = awaitSnapshot(Json.MAPPER.readTree(r.body()).get("snapshotId").asString());
		JsonNode res = result(s, kind, index);
		assertThat(res.get("operation").asString()).as(s.toString()).isEqualTo("REJECTED");
		assertThat(res.get("message").asString()).isNotBlank();
		return new Outcome(202, res.get("code").asString(), s.toString());
	}

	Outcome graphqlOutcome(String query) {
		return graphqlRaw(Json.MAPPER.writeValueAsBytes(Map.of("query", query)));
	}

	Outcome graphqlRaw(byte[] body) {
		return outcome(post("/graphql", "application/json", body));
	}

	/** Sends a body of the given size over a plain socket (the JDK client refuses to send a false length). */
	Outcome rawPost(long size, boolean chunked) {
		return rawPost("/api/v1/snapshots", token, size, chunked);
	}

	Outcome rawPost(String path, String bearer, long size, boolean chunked) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(60_000);
			OutputStream out = socket.getOutputStream();
			String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ "Authorization: Bearer " + bearer + "\r\n"
					+ (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n") + "\r\n";
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			Thread writer = new Thread(() -> writeBody(out, size, chunked));
			writer.setDaemon(true);
			writer.start();
			String response = readResponse(socket.getInputStream());
			int status = Integer.parseInt(response.substring(9, 12));
			String body = response.substring(response.indexOf("\r\n\r\n") + 4);
			body = body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1);
			return new Outcome(status, errorCode(body), body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void writeBody(OutputStream out, long size, boolean chunked) {
		byte[] block = new byte[MB];
		java.util.Arrays.fill(block, (byte) ' ');
		block[0] = '[';
		try {
			for (long sent = 0; sent < size; sent += MB) {
				if (chunked) {
					out.write((Integer.toHexString(MB) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				}
				out.write(block);
				if (chunked) {
					out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				block[0] = ' ';
			}
			if (chunked) {
				out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.flush();
		}
		catch (IOException ex) {
			// the server answered and closed the connection before taking the whole body: what is expected
		}
	}

	private static String readResponse(InputStream in) throws IOException {
		ByteArrayOutputStream buf = new ByteArrayOutputStream();
		byte[] b = new byte[8192];
		int n;
		try {
			while ((n = in.read(b)) > 0) {
				buf.write(b, 0, n);
				String s = buf.toString(StandardCharsets.UTF_8);
				if (s.contains("\r\n\r\n") && s.lastIndexOf('}') > s.indexOf("\r\n\r\n")) {
					break;
				}
			}
		}
		catch (java.net.SocketException ex) {
			// reset after the response was read
		}
		return buf.toString(StandardCharsets.UTF_8);
	}

	/**
	 * A body of {@code mb} MB of spaces inside a snapshot, zstd-encoded as a stream (no content size in the frame);
	 * {@code windowLog} above 0 makes the frame ask for a window of 2^windowLog bytes.
	 */
	Outcome zstdPost(int mb, int windowLog) {
		try {
			ByteArrayOutputStream packed = new ByteArrayOutputStream();
			try (var z = new com.github.luben.zstd.ZstdOutputStream(packed, 1)) {
				if (windowLog > 0) {
					z.setLong(windowLog);
				}
				z.write("{\"source\":\"declared\",\"items\":[".getBytes());
				byte[] spaces = new byte[MB];
				java.util.Arrays.fill(spaces, (byte) ' ');
				for (int i = 0; i < mb; i++) {
					z.write(spaces);
				}
				z.write("]}".getBytes());
			}
			return outcome(post("/api/v1/snapshots", "application/json", packed.toByteArray(), "Content-Encoding", "zstd"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Outcome gzipBomb() {
		try {
			ByteArrayOutputStream zipped = new ByteArrayOutputStream();
			try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
				gz.write("{\"source\":\"declared\",\"items\":[".getBytes());
				byte[] spaces = new byte[MB];
				java.util.Arrays.fill(spaces, (byte) ' ');
				for (int i = 0; i < 200; i++) {
					gz.write(spaces);
				}
				gz.write("]}".getBytes());
			}
			return outcome(post("/api/v1/snapshots", "application/json", zipped.toByteArray(), "Content-Encoding", "gzip"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> manyItems(int n) {
		List<Object> items = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			items.add(Map.of("class", "Server", "identifiers", Map.of("fqdn", "many" + i + ".example")));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("source", "declared");
		body.put("items", items);
		return body;
	}

	private static byte[] invalidUtf8() {
		return utf8Broken("{\"source\":\"declared\",\"items\":[{\"class\":\"Server\",\"identifiers\":{\"fqdn\":\"X\"}}]}");
	}

	/** The JSON with its "X" (or first letter) replaced by bytes that are not UTF-8 (a lone continuation, an 0xFF). */
	private static byte[] utf8Broken(String json) {
		byte[] b = json.getBytes(StandardCharsets.UTF_8);
		int at = json.indexOf('X') >= 0 ? json.indexOf('X') : json.indexOf('c');
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(b, 0, at);
		out.write(0xC3);
		out.write(0x28);
		out.write(0xFF);
		out.write(b, at + 1, b.length - at - 1);
		return out.toByteArray();
	}

	private static String aliases(int n) {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < n; i++) {
			s.append(" a").append(i).append(": classes { name }");
		}
		return s.toString();
	}

}
