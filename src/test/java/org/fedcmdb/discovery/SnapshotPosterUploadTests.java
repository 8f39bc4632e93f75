package org.fedcmdb.discovery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.SnapshotPoster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chunked upload sends each chunk while the agent makes the next: the server still receives the chunks one at a
 * time and in order, the seal after the last, and a chunk it refuses stops the upload (the refusal is the next
 * call's, and nothing after the refused chunk is sent).
 */
class SnapshotPosterUploadTests {

	WireMockServer server;

	SnapshotPoster poster;

	@BeforeEach
	void start() {
		server = new WireMockServer(wireMockConfig().dynamicPort());
		server.start();
		poster = new SnapshotPoster(URI.create("http://127.0.0.1:" + server.port()), null, line -> {
		});
		server.stubFor(post(urlPathEqualTo("/api/v1/snapshots"))
			.willReturn(json(201, "{\"snapshotId\":\"s1\",\"status\":\"RECEIVING\"}")));
		server.stubFor(post(urlPathEqualTo("/api/v1/snapshots/s1/complete"))
			.willReturn(json(202, "{\"snapshotId\":\"s1\",\"status\":\"PROCESSING\"}")));
	}

	@AfterEach
	void stop() {
		server.stop();
	}

	@Test
	void chunksArriveOneAtATimeInOrderAndTheSealAfterTheLast() throws Exception {
		// a slow server: each chunk's answer takes a while, during which the next chunk is already made
		server.stubFor(post(urlPathEqualTo("/api/v1/snapshots/s1/chunks"))
			.willReturn(json(202, "{\"status\":\"RECEIVING\"}").withFixedDelay(150)));
		SnapshotPoster.Upload upload = poster.open(Map.of("source", "t", "scope", "s"));
		for (int i = 1; i <= 4; i++) {
			upload.chunk(chunk("h" + i));
		}
		upload.complete();
		List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/snapshots/s1/chunks")));
		assertThat(requests).extracting(SnapshotPosterUploadTests::firstRef).containsExactly("h1", "h2", "h3", "h4");
		for (int i = 1; i < requests.size(); i++) {
			// one in flight: each chunk is sent after the one before it was answered
			assertThat(requests.get(i).getLoggedDate().getTime())
				.isGreaterThanOrEqualTo(requests.get(i - 1).getLoggedDate().getTime() + 150);
		}
		LoggedRequest seal = server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/snapshots/s1/complete"))).get(0);
		assertThat(seal.getLoggedDate().getTime())
			.isGreaterThanOrEqualTo(requests.get(3).getLoggedDate().getTime() + 150);
	}

	@Test
	void aRefusedChunkFailsTheNextCallAndNothingAfterItIsSent() throws Exception {
		server.stubFor(post(urlPathEqualTo("/api/v1/snapshots/s1/chunks")).inScenario("refusal")
			.whenScenarioStateIs(Scenario.STARTED).willReturn(json(202, "{\"status\":\"RECEIVING\"}"))
			.willSetStateTo("second"));
		server.stubFor(post(urlPathEqualTo("/api/v1/snapshots/s1/chunks")).inScenario("refusal")
			.whenScenarioStateIs("second")
			.willReturn(json(400, "{\"code\":\"TOO_MANY_ITEMS\",\"message\":\"a chunk holds at most 10000 items\"}")));
		SnapshotPoster.Upload upload = poster.open(Map.of("source", "t", "scope", "s"));
		upload.chunk(chunk("h1"));
		upload.chunk(chunk("h2"));
		assertThatThrownBy(() -> upload.chunk(chunk("h3"))).isInstanceOf(AgentException.class)
			.hasMessageContaining("400").hasMessageContaining("TOO_MANY_ITEMS");
		// the upload stays failed: the snapshot is not sealed without the refused chunk
		assertThatThrownBy(upload::complete).isInstanceOf(AgentException.class).hasMessageContaining("TOO_MANY_ITEMS");
		server.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/snapshots/s1/complete")));
		assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/snapshots/s1/chunks"))))
			.extracting(SnapshotPosterUploadTests::firstRef).containsExactly("h1", "h2");
	}

	private static Map<String, Object> chunk(String ref) {
		return Map.of("items", List.of(Map.of("ref", ref, "class", "Host", "identifiers", Map.of("fqdn", ref + ".example"))),
				"relationships", List.of());
	}

	/** The first item's ref of a gzip-encoded chunk request. */
	private static String firstRef(LoggedRequest r) {
		byte[] raw = r.getBody();
		// WireMock may hand the body over decoded already
		boolean gzipped = raw.length > 1 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
		try (GZIPInputStream in = gzipped ? new GZIPInputStream(new ByteArrayInputStream(raw)) : null) {
			String body = new String(gzipped ? in.readAllBytes() : raw, StandardCharsets.UTF_8);
			return org.fedcmdb.graph.Json.MAPPER.readTree(body).get("items").get(0).get("ref").asString();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

}
