package org.fedcmdb.changes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells GitHub the decision on a deployment it asked about: {@code POST deployment_callback_url} with
 * {@code {environment_name, state: approved|rejected, comment}} (the comment carries the reasons). Looks for decided
 * changes whose callback is due every few seconds, so a CAB decision hours later, or a restart in between, still
 * reaches GitHub; a failed callback is retried on the next round (at most 20 attempts).
 */
@Component
class GithubCallbacks {

	private static final Logger log = LoggerFactory.getLogger(GithubCallbacks.class);

	private final Driver driver;

	private final CypherCatalog cypher;

	private final ChangeProperties properties;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10)).build();

	GithubCallbacks(Driver driver, CypherCatalog cypher, ChangeProperties properties) {
		this.driver = driver;
		this.cypher = cypher;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${fedcmdb.changes.github.callback-poll:2s}")
	void sendDue() {
		if (properties.github() == null || properties.github().secret() == null) {
			return;
		}
		List<Record> due;
		try (Session s = driver.session()) {
			due = s.executeRead(tx -> tx.run(cypher.get("change-callbacks-due")).list());
		}
		catch (RuntimeException ex) {
			log.debug("GitHub callbacks: {}", ex.toString());
			return;
		}
		for (Record r : due) {
			send(r);
		}
	}

	@SuppressWarnings("unchecked")
	private void send(Record r) {
		String id = r.get("id").asString();
		String status = r.get("status").asString();
		boolean approved = status.equals("APPROVED") || status.equals("IMPLEMENTING") || status.equals("COMPLETED");
		List<Map<String, Object>> reasons = (List<Map<String, Object>>) Json.readValue(r.get("reasons").asString());
		StringBuilder comment = new StringBuilder("fedcmdb change " + id + ": " + status
				+ (r.get("type").isNull() ? "" : " (" + r.get("type").asString() + ")"));
		reasons.stream().limit(10).forEach(x -> comment.append("\n- [").append(x.get("rule")).append("] ").append(x.get("message")));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("environment_name", r.get("environment").asString());
		body.put("state", approved ? "approved" : "rejected");
		body.put("comment", comment.length() > 1000 ? comment.substring(0, 997) + "..." : comment.toString());
		String error = null;
		try {
			HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(r.get("url").asString())).timeout(Duration.ofSeconds(15))
				.header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
			if (properties.github().token() != null) {
				b.header("Authorization", "Bearer " + properties.github().token());
			}
			HttpResponse<String> answer = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() / 100 != 2) {
				error = "HTTP " + answer.statusCode() + " " + answer.body();
			}
		}
		catch (IOException ex) {
			error = ex.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		String state = error == null ? "SENT" : "DUE";
		try (Session s = driver.session()) {
			String err = error;
			s.executeWriteWithoutResult(tx -> tx.run(cypher.get("change-callback-sent"), Map.of("id", id, "state", state,
					"now", System.currentTimeMillis(), "error", err == null ? "" : err)).consume());
		}
		if (error != null) {
			log.warn("GitHub callback for change {} failed: {}", id, error);
		}
	}

}
