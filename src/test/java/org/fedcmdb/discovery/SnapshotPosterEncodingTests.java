package org.fedcmdb.discovery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.fedcmdb.agents.Snapshot;
import org.fedcmdb.agents.SnapshotPoster;
import org.fedcmdb.graph.Compressed;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agents send zstd where zstd-jni loads (here it does), and gzip, under a new Idempotency-Key, to a server that
 * refuses zstd (an earlier version: 415 UNSUPPORTED_ENCODING), from then on.
 */
class SnapshotPosterEncodingTests {

	WireMockServer server;

	SnapshotPoster poster;

	@BeforeEach
	void start() {
		server = new WireMockServer(wireMockConfig().dynamicPort());
		server.start();
		poster = new SnapshotPoster(URI.create("http://127.0.0.1:" + server.port()), null, line -> {
		});
	}

	@AfterEach
	void stop() {
		server.stop();
	}

	@Test
	void sendsZstdThatTheServerReadsBack() throws Exception {
		server.stubFor(post(urlPathEqualTo("/api/v1/snapshots")).willReturn(accepted()));
		poster.post(snapshot());
		LoggedRequest sent = server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/snapshots"))).get(0);
		assertThat(sent.getHeader("Content-Encoding")).isEqualTo("zstd");
		assertThat(Compressed.isZstd(sent.getBody())).isTrue();
		assertThat(Json.MAPPER.readTree(Compressed.decompress(sent.getBody())).get("items").get(0).get("ref").asString())
			.isEqualTo("web");
	}

	@Test
	void aServerThatRefusesZstdIsSentGzipFromThenOn() throws Exception {
		server.stubFor(post(urlPathEqualTo("/api/v1/snapshots")).withHeader("Content-Encoding", equalTo("zstd"))
			.willReturn(aResponse().withStatus(415).withHeader("Content-Type", "application/json")
				.withBody("{\"code\":\"UNSUPPORTED_ENCODING\",\"message\":\"Content-Encoding must be gzip or identity\"}")));
		server.stubFor(post(urlPathEqualTo("/api/v1/snapshots")).withHeader("Content-Encoding", equalTo("gzip"))
			.willReturn(accepted()));
		assertThat(poster.post(snapshot())).isEqualTo("s1");
		assertThat(poster.post(snapshot())).isEqualTo("s1");
		List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/snapshots")));
		assertThat(sent).extracting(r -> r.getHeader("Content-Encoding")).containsExactly("zstd", "gzip", "gzip");
		assertThat(sent.get(1).getHeader("Idempotency-Key")).as("another body: another key")
			.isNotEqualTo(sent.get(0).getHeader("Idempotency-Key"));
		assertThat(Json.MAPPER.readTree(decoded(sent.get(1).getBody())).get("source").asString()).isEqualTo("declared");
	}

	/** WireMock may give a gzip body back decoded already. */
	private static byte[] decoded(byte[] body) {
		return (body[0] & 0xff) == 0x1f || Compressed.isZstd(body) ? Compressed.decompress(body) : body;
	}

	private static Snapshot snapshot() {
		return new Snapshot("declared", null, "DELTA", false, Instant.now()).item("web", "Server",
				Map.of("fqdn", "web.example"), Map.of());
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder accepted() {
		return aResponse().withStatus(202).withHeader("Content-Type", "application/json")
			.withBody("{\"snapshotId\":\"s1\",\"status\":\"QUEUED\"}");
	}

}
