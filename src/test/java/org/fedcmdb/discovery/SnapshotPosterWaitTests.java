package org.fedcmdb.discovery;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.fedcmdb.agents.SnapshotPoster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agents' wait for a snapshot against servers that do not long-poll as this one does: one whose
 * {@code fedcmdb.ingest.max-wait} refuses the agent's wait (400 INVALID_WAIT), and one that ignores {@code wait} (an
 * older server) and answers at once: both are polled until the snapshot has ended.
 */
class SnapshotPosterWaitTests {

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
	void aRefusedWaitFallsBackToPolling() throws Exception {
		server.stubFor(get(urlPathEqualTo("/api/v1/snapshots/s1")).withQueryParam("wait", matching(".+"))
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
				.withBody("{\"code\":\"INVALID_WAIT\",\"message\":\"wait is a duration like 30s, up to 5s\"}")));
		server.stubFor(get(urlPathEqualTo("/api/v1/snapshots/s1")).withQueryParam("wait", absent())
			.willReturn(json("{\"status\":\"COMPLETED\"}")));
		assertThat(poster.await("s1", Duration.ofMinutes(1)).get("status").asString()).isEqualTo("COMPLETED");
		server.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/snapshots/s1")).withQueryParam("wait", matching(".+")));
		// refused once, not asked again
		assertThat(poster.await("s1", Duration.ofMinutes(1)).get("status").asString()).isEqualTo("COMPLETED");
		server.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/snapshots/s1")).withQueryParam("wait", matching(".+")));
	}

	@Test
	void aServerThatIgnoresTheWaitIsPolledUntilTheSnapshotEnds() throws Exception {
		server.stubFor(get(urlPathEqualTo("/api/v1/snapshots/s2")).inScenario("older").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(json("{\"status\":\"PROCESSING\"}")).willSetStateTo("done"));
		server.stubFor(get(urlPathEqualTo("/api/v1/snapshots/s2")).inScenario("older").whenScenarioStateIs("done")
			.willReturn(json("{\"status\":\"COMPLETED\"}")));
		assertThat(poster.await("s2", Duration.ofMinutes(1)).get("status").asString()).isEqualTo("COMPLETED");
		server.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/snapshots/s2")).withQueryParam("wait", matching("\\d+s")));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

}
