package org.fedcmdb.longpoll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Long polls hold no request thread: more snapshot-status waits than Tomcat has threads (200) wait at once, the
 * server still answers other requests meanwhile, and the snapshot's end answers every wait.
 */
class LongPollIntegrationTests extends IntegrationTestSupport {

	/** Beyond Tomcat's default 200 request threads. */
	private static final int WAITERS = 240;

	@Autowired
	LongPolls polls;

	@Test
	void moreWaitsThanRequestThreadsLeaveTheServerAnswering() throws Exception {
		String u = unique();
		String id = openChunked("terraform-many-" + u);
		postChunk(id, List.of(item("a", "Application", Map.of("uid", "many-" + u), attrs())), List.of());
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		int before = polls.waiting();
		List<CompletableFuture<HttpResponse<String>>> waits = new ArrayList<>();
		for (int i = 0; i < WAITERS; i++) {
			waits.add(client.sendAsync(request("/api/v1/snapshots/" + id + "?limit=0&wait=60s"),
					HttpResponse.BodyHandlers.ofString()));
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> polls.waiting() >= before + WAITERS);
		// a request thread per wait would leave none for this one
		HttpResponse<String> meanwhile = client.send(request("/api/v1/snapshots/" + id + "?limit=0"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(meanwhile.statusCode()).isEqualTo(200);
		assertThat(Json.MAPPER.readTree(meanwhile.body()).get("status").asString()).isEqualTo("RECEIVING");
		assertThat(waits).noneMatch(CompletableFuture::isDone);
		assertThat(gauge(get("/actuator/prometheus").body())).isGreaterThanOrEqualTo(WAITERS);
		assertThat(post("/api/v1/snapshots/" + id + "/complete", "application/json", new byte[0]).statusCode())
			.isEqualTo(202);
		for (CompletableFuture<HttpResponse<String>> w : waits) {
			HttpResponse<String> r = w.get(60, TimeUnit.SECONDS);
			assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
			assertThat(Json.MAPPER.readTree(r.body()).get("status").asString()).isEqualTo("COMPLETED");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> polls.waiting() <= before);
	}

	/** The value of fedcmdb_long_polls_waiting in a Prometheus scrape. */
	private static double gauge(String scrape) {
		return scrape.lines().filter(l -> l.startsWith("fedcmdb_long_polls_waiting"))
			.mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(90)).header("Authorization", "Bearer " + ADMIN_TOKEN)
			.GET().build();
	}

}
