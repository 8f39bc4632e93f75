package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** What users get wrong: each refused request has a status and a code, and writes nothing. */
class SnapshotApiErrorsIntegrationTests extends IntegrationTestSupport {

	static Stream<Arguments> badEnvelopes() {
		return Stream.of(Arguments.of("not json", "{\"source\": ", 400, "MALFORMED_JSON"),
				Arguments.of("array body", "[1,2]", 400, "INVALID_ENVELOPE"),
				Arguments.of("no source", "{\"mode\":\"FULL\",\"items\":[]}", 400, "MISSING_SOURCE"),
				Arguments.of("unregistered source", "{\"source\":\"who-knows\",\"items\":[]}", 400, "UNKNOWN_SOURCE"),
				Arguments.of("injection in source", "{\"source\":\"x') DETACH DELETE n //\",\"items\":[]}", 400, "INVALID_SOURCE"),
				Arguments.of("unknown mode", "{\"source\":\"declared\",\"mode\":\"SOMETIMES\",\"items\":[]}", 400, "INVALID_MODE"),
				Arguments.of("bad timestamp", "{\"source\":\"declared\",\"collectedAt\":\"yesterday\",\"items\":[]}", 400, "INVALID_TIMESTAMP"),
				Arguments.of("future timestamp", "{\"source\":\"declared\",\"collectedAt\":\"2999-01-01T00:00:00Z\",\"items\":[]}", 400, "TIMESTAMP_IN_FUTURE"),
				Arguments.of("items not array", "{\"source\":\"declared\",\"items\":{}}", 400, "INVALID_ENVELOPE"),
				Arguments.of("complete not boolean", "{\"source\":\"declared\",\"complete\":\"yes\",\"items\":[]}", 400, "INVALID_ENVELOPE"),
				Arguments.of("deep nesting", "{\"source\":\"declared\",\"items\":[" + "[".repeat(200) + "]".repeat(200) + "]}", 400, "MALFORMED_JSON"),
				Arguments.of("empty", "", 400, "EMPTY_BODY"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badEnvelopes")
	void badEnvelopesAreRefusedAndNothingIsWritten(String what, String body, int status, String code) {
		long snapshots = count(SNAPSHOTS_NOT_SCHEDULED, Map.of());
		HttpResponse<String> r = post("/api/v1/snapshots", "application/json", body.getBytes(StandardCharsets.UTF_8));
		assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
		JsonNode error = Json.MAPPER.readTree(r.body());
		assertThat(error.get("code").asString()).isEqualTo(code);
		assertThat(error.get("message").asString()).isNotBlank();
		assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
		assertThat(count(SNAPSHOTS_NOT_SCHEDULED, Map.of())).isEqualTo(snapshots);
	}

	/**
	 * Snapshots but the shared context's scheduled agents' (lab-scan posts every 4 s: counting them all failed when one
	 * arrived between the two counts).
	 */
	static final String SNAPSHOTS_NOT_SCHEDULED = "MATCH (s:Snapshot) WHERE NOT s.source IN ['nmap-lab', 'terraform-team'] "
			+ "RETURN count(s)";

	@Test
	void wrongContentTypeIs415() {
		HttpResponse<String> r = post("/api/v1/snapshots", "text/plain", "{}".getBytes(StandardCharsets.UTF_8));
		assertThat(r.statusCode()).isEqualTo(415);
		assertThat(Json.MAPPER.readTree(r.body()).get("code").asString()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void tooManyItemsInOneChunkIs413() {
		List<Object> items = new ArrayList<>();
		for (int i = 0; i < 10_001; i++) {
			items.add(Map.of("class", "Server", "identifiers", Map.of("fqdn", "h" + i + ".example")));
		}
		HttpResponse<String> r = post("/api/v1/snapshots", "application/json",
				Json.MAPPER.writeValueAsBytes(Map.of("source", "declared", "items", items)));
		assertThat(r.statusCode()).isEqualTo(413);
		assertThat(Json.MAPPER.readTree(r.body()).get("code").asString()).isEqualTo("TOO_MANY_ITEMS");
	}

	@Test
	void gzipBodiesAreAcceptedAndCorruptGzipIsRefused() throws Exception {
		String u = unique();
		byte[] json = Json.MAPPER.writeValueAsBytes(snapshot("declared", "DELTA", Instant.now(),
				List.of(item("s", "BusinessService", Map.of("name", "Gz " + u), attrs())), List.of()));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
			gz.write(json);
		}
		HttpResponse<String> ok = post("/api/v1/snapshots", "application/json", out.toByteArray(), "Content-Encoding", "gzip");
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
		JsonNode s = awaitSnapshot(Json.MAPPER.readTree(ok.body()).get("snapshotId").asString());
		assertThat(s.get("counts").get("INSERT").asInt()).isEqualTo(1);
		// a body of two gzip members (RFC 1952: a gzip file is a series of members) is one body: both items applied,
		// and the bytes stored as they came (not compressed again) are what the worker reads back
		byte[] second = Json.MAPPER.writeValueAsBytes(snapshot("declared", "DELTA", Instant.now(),
				List.of(item("s", "BusinessService", Map.of("name", "Gz1 " + u), attrs()),
						item("t", "BusinessService", Map.of("name", "Gz2 " + u), attrs())), List.of()));
		ByteArrayOutputStream members = new ByteArrayOutputStream();
		for (byte[] part : List.of(java.util.Arrays.copyOf(second, 40), java.util.Arrays.copyOfRange(second, 40, second.length))) {
			try (GZIPOutputStream gz = new GZIPOutputStream(members) {
				@Override
				public void close() throws java.io.IOException {
					finish(); // the member ends; the stream stays open for the next
				}
			}) {
				gz.write(part);
			}
		}
		byte[] sent = members.toByteArray();
		assertThat(SnapshotStore.payload(new SnapshotService.Body(second, sent))).isSameAs(sent);
		assertThat(SnapshotStore.decompress(sent)).isEqualTo(second);
		assertThat(SnapshotStore.decompress(SnapshotStore.payload(new SnapshotService.Body(second, null)))).isEqualTo(second);
		HttpResponse<String> two = post("/api/v1/snapshots", "application/json", sent, "Content-Encoding", "gzip");
		assertThat(two.statusCode()).as(two.body()).isEqualTo(202);
		JsonNode t = awaitSnapshot(Json.MAPPER.readTree(two.body()).get("snapshotId").asString());
		assertThat(t.get("counts").get("INSERT").asInt()).isEqualTo(2);
		HttpResponse<String> bad = post("/api/v1/snapshots", "application/json", json, "Content-Encoding", "gzip");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(Json.MAPPER.readTree(bad.body()).get("code").asString()).isEqualTo("INVALID_ENCODING");
	}

	/**
	 * Content-Encoding: zstd (RFC 8878): one frame with its size, or a stream of frames without it; stored as it came
	 * and read back by the worker. A body that is not zstd is refused with a code.
	 */
	@Test
	void zstdBodiesAreAccepted() throws Exception {
		String u = unique();
		byte[] one = Json.MAPPER.writeValueAsBytes(snapshot("declared", "DELTA", Instant.now(),
				List.of(item("s", "BusinessService", Map.of("name", "Zs " + u), attrs())), List.of()));
		HttpResponse<String> ok = post("/api/v1/snapshots", "application/json", com.github.luben.zstd.Zstd.compress(one, 3),
				"Content-Encoding", "zstd");
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
		JsonNode s = awaitSnapshot(Json.MAPPER.readTree(ok.body()).get("snapshotId").asString());
		assertThat(s.get("counts").get("INSERT").asInt()).isEqualTo(1);
		byte[] second = Json.MAPPER.writeValueAsBytes(snapshot("declared", "DELTA", Instant.now(),
				List.of(item("s", "BusinessService", Map.of("name", "Zs1 " + u), attrs()),
						item("t", "BusinessService", Map.of("name", "Zs2 " + u), attrs())), List.of()));
		ByteArrayOutputStream frames = new ByteArrayOutputStream();
		for (byte[] part : List.of(java.util.Arrays.copyOf(second, 40), java.util.Arrays.copyOfRange(second, 40, second.length))) {
			try (var z = new com.github.luben.zstd.ZstdOutputStream(frames, 1) {
				@Override
				public void close() throws java.io.IOException {
					flush(); // the frame ends at close; the target stays open for the next
				}
			}) {
				z.setCloseFrameOnFlush(true);
				z.write(part);
			}
		}
		byte[] sent = frames.toByteArray();
		assertThat(SnapshotStore.decompress(sent)).isEqualTo(second);
		HttpResponse<String> two = post("/api/v1/snapshots", "application/json", sent, "Content-Encoding", "zstd");
		assertThat(two.statusCode()).as(two.body()).isEqualTo(202);
		JsonNode t = awaitSnapshot(Json.MAPPER.readTree(two.body()).get("snapshotId").asString());
		assertThat(t.get("counts").get("INSERT").asInt()).isEqualTo(2);
		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(gzipped)) {
			gz.write(one);
		}
		HttpResponse<String> gzipSaidZstd = post("/api/v1/snapshots", "application/json", gzipped.toByteArray(),
				"Content-Encoding", "ZSTD");
		assertThat(gzipSaidZstd.statusCode()).isEqualTo(400);
		assertThat(Json.MAPPER.readTree(gzipSaidZstd.body()).get("code").asString()).isEqualTo("INVALID_ENCODING");
	}

	@Test
	void badItemsAreRejectedWithCodesWhileValidItemsCommit() {
		String u = unique();
		List<Object> items = List.of(
				item("ok", "Server", Map.of("fqdn", "ok-" + u + ".example"), attrs("os", "Debian")),
				item("nocls", "Spaceship", Map.of("name", "x"), attrs()),
				item("noid", "Server", Map.of(), attrs()),
				item("badmac", "Server", Map.of("macAddresses", List.of("zz:zz")), attrs()),
				item("ok", "Server", Map.of("fqdn", "dup-" + u + ".example"), attrs()),
				item("inj", "Server", Map.of("fqdn", "inj-" + u + ".example"), attrs("x` DETACH DELETE n //", 1)),
				item("ctl", "Server", Map.of("fqdn", "ctl-" + u + ".example"), attrs("note", "a\u0000b")),
				item("crit", "BusinessService", Map.of("name", "C " + u), attrs("criticality", "high")),
				item("labelinj", "Server:Admin", Map.of("fqdn", "l-" + u + ".example"), attrs()),
				item("onlyIp", "Server", Map.of("ipAddresses", List.of("10.0.0.1")), attrs()),
				item("nested", "Server", Map.of("fqdn", "n-" + u + ".example"), attrs("deep", Map.of("a", 1))));
		List<Object> rels = List.of(rel("RUNS_ON", "ok", "ghost"), rel("EATS", "ok", "ok"), rel("DEPENDS_ON", "ok", "ok"),
				rel("DEPENDS_ON", "ok", "nocls"));
		JsonNode s = ingest(snapshot("declared", "DELTA", Instant.now(), items, rels));
		assertThat(result(s, "item", 0).get("operation").asString()).isEqualTo("INSERT");
		assertThat(code(s, "item", 1)).isEqualTo("UNKNOWN_CLASS");
		assertThat(code(s, "item", 2)).isEqualTo("MISSING_IDENTIFIERS");
		assertThat(code(s, "item", 3)).isEqualTo("INVALID_IDENTIFIER");
		assertThat(code(s, "item", 4)).isEqualTo("DUPLICATE_REF");
		assertThat(code(s, "item", 5)).isEqualTo("INVALID_ATTRIBUTE");
		assertThat(code(s, "item", 6)).isEqualTo("INVALID_ATTRIBUTE");
		assertThat(code(s, "item", 7)).isEqualTo("INVALID_ATTRIBUTE");
		assertThat(code(s, "item", 8)).isEqualTo("UNKNOWN_CLASS");
		assertThat(code(s, "item", 9)).isEqualTo("MISSING_IDENTIFIERS");
		assertThat(code(s, "item", 10)).isEqualTo("INVALID_ATTRIBUTE");
		assertThat(code(s, "relationship", 0)).isEqualTo("DANGLING_REF");
		assertThat(code(s, "relationship", 1)).isEqualTo("UNKNOWN_RELATIONSHIP_TYPE");
		assertThat(code(s, "relationship", 2)).isEqualTo("SELF_LOOP");
		assertThat(code(s, "relationship", 3)).isEqualTo("DANGLING_REF");
		assertThat(count("MATCH (n:Admin) RETURN count(n)", Map.of())).isZero();
		assertThat(ci(ciId(s, "ok")).get("attributes").get("os").asString()).isEqualTo("Debian");
	}

	private static String code(JsonNode s, String kind, int index) {
		JsonNode r = result(s, kind, index);
		assertThat(r.get("operation").asString()).as(r.toString()).isEqualTo("REJECTED");
		assertThat(r.get("message").asString()).isNotBlank();
		return r.get("code").asString();
	}

	@Test
	void resultPagesAcrossChunksAndFinalResultsMatchTheWholeList() {
		String u = unique();
		Map<String, Object> open = snapshot("declared", "DELTA", Instant.now(), List.of(), List.of());
		open.put("chunked", true);
		String id = Json.MAPPER.readTree(post("/api/v1/snapshots", "application/json", Json.MAPPER.writeValueAsBytes(open))
			.body()).get("snapshotId").asString();
		for (int c = 0; c < 3; c++) {
			List<Object> items = new ArrayList<>();
			for (int i = 0; i < 7; i++) {
				items.add(item("c" + c + "i" + i, "BusinessService", Map.of("name", "page-" + u + "-" + c + "-" + i), attrs()));
			}
			// each chunk also waits for a ref that never comes: a final result added when the snapshot completes
			post("/api/v1/snapshots/" + id + "/chunks", "application/json", Json.MAPPER.writeValueAsBytes(Map.of("items", items,
					"relationships", List.of(rel("DEPENDS_ON", "c" + c + "i0", "missing" + c)))));
		}
		post("/api/v1/snapshots/" + id + "/complete", "application/json", new byte[0]);
		JsonNode all = awaitSnapshot(id);
		JsonNode whole = Json.MAPPER.readTree(get("/api/v1/snapshots/" + id + "?offset=0&limit=1000").body());
		int total = whole.get("resultsTotal").asInt();
		assertThat(total).isEqualTo(whole.get("results").size()).isGreaterThanOrEqualTo(24);
		assertThat(all.get("resultsTotal").asInt()).isEqualTo(total);
		JsonNode none = Json.MAPPER.readTree(get("/api/v1/snapshots/" + id + "?limit=0").body());
		assertThat(none.get("resultsTotal").asInt()).isEqualTo(total);
		assertThat(none.get("results").size()).isZero();
		for (int offset : new int[] { 0, 5, 7, 8, 13, 20, total - 2, total, total + 5 }) {
			for (int limit : new int[] { 1, 3, 6, 50 }) {
				JsonNode page = Json.MAPPER.readTree(get("/api/v1/snapshots/" + id + "?offset=" + offset + "&limit=" + limit)
					.body());
				List<String> expected = new ArrayList<>();
				for (int k = offset; k < Math.min(total, offset + limit); k++) {
					expected.add(whole.get("results").get(k).toString());
				}
				List<String> actual = new ArrayList<>();
				page.get("results").forEach(n -> actual.add(n.toString()));
				assertThat(actual).as("offset %d limit %d", offset, limit).isEqualTo(expected);
				assertThat(page.get("resultsTotal").asInt()).isEqualTo(total);
			}
		}
	}

	@Test
	void chunkedSnapshotsResolveRefsAcrossChunksAndWithdrawAtTheEnd() {
		String u = unique();
		Map<String, Object> open = snapshot("kubernetes-" + u, "FULL", Instant.now(), List.of(), List.of());
		open.put("chunked", true);
		open.put("complete", true);
		HttpResponse<String> r = post("/api/v1/snapshots", "application/json", Json.MAPPER.writeValueAsBytes(open));
		assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
		String id = Json.MAPPER.readTree(r.body()).get("snapshotId").asString();
		// the pod's node arrives in a later chunk
		post("/api/v1/snapshots/" + id + "/chunks", "application/json", Json.MAPPER.writeValueAsBytes(Map.of(
				"items", List.of(item("pod", "Pod", Map.of("uid", "p-" + u), attrs())),
				"relationships", List.of(rel("RUNS_ON", "pod", "node"), rel("RUNS_ON", "pod", "never-sent")))));
		HttpResponse<String> c2 = post("/api/v1/snapshots/" + id + "/chunks", "application/json",
				Json.MAPPER.writeValueAsBytes(Map.of("items", List.of(item("node", "KubernetesNode", Map.of("uid", "n-" + u), attrs())))));
		assertThat(c2.statusCode()).isEqualTo(202);
		assertThat(Json.MAPPER.readTree(c2.body()).get("chunk").asInt()).isEqualTo(2);
		assertThat(post("/api/v1/snapshots/" + id + "/complete", "application/json", new byte[0]).statusCode()).isEqualTo(202);
		JsonNode s = awaitSnapshot(id);
		assertThat(s.get("progress").get("itemsDone").asInt()).isEqualTo(2);
		String pod = ciId(s, "pod");
		JsonNode out = ci(pod).get("out");
		assertThat(out).hasSize(1);
		assertThat(out.get(0).get("ci").get("id").asString()).isEqualTo(ciId(s, "node"));
		boolean dangling = false;
		for (JsonNode x : s.get("results")) {
			dangling |= "DANGLING_REF".equals(x.path("code").asString(null));
		}
		assertThat(dangling).isTrue();
		HttpResponse<String> late = post("/api/v1/snapshots/" + id + "/chunks", "application/json", "{}".getBytes());
		assertThat(late.statusCode()).isEqualTo(409);
		assertThat(get("/api/v1/snapshots/no-such-id").statusCode()).isEqualTo(404);
	}

}
