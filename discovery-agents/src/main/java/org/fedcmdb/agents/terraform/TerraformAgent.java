package org.fedcmdb.agents.terraform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.fedcmdb.agents.Agent;
import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.AgentSettings;
import org.fedcmdb.agents.Snapshot;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Terraform state (format version 4) from a local {@code file} or an HTTP backend {@code url} (optional {@code token}). */
public final class TerraformAgent implements Agent {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public String type() {
		return "terraform";
	}

	@Override
	public Snapshot collect(AgentSettings settings) throws AgentException {
		String file = settings.get("file", null);
		String url = settings.get("url", null);
		String body;
		String scope;
		if (file != null) {
			try {
				body = Files.readString(Path.of(file));
			}
			catch (IOException ex) {
				throw new AgentException("cannot read " + file + ": " + ex.getMessage(), ex);
			}
			scope = "state:" + settings.get("workspace", Path.of(file).getFileName().toString());
		}
		else if (url != null) {
			body = fetch(url, settings.get("token", null));
			scope = "state:" + settings.get("workspace", url);
		}
		else {
			throw new AgentException("set 'file' (a terraform.tfstate) or 'url' (an HTTP state backend)");
		}
		try {
			return TerraformStateMapper.map(JSON.readTree(body), settings.source(), scope, Instant.now());
		}
		catch (JacksonException ex) {
			throw new AgentException("not a JSON Terraform state: " + ex.getOriginalMessage(), ex);
		}
	}

	private static String fetch(String url, String token) throws AgentException {
		try {
			HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1)).GET();
			if (token != null) {
				b.header("Authorization", "Bearer " + token);
			}
			HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() != 200) {
				throw new AgentException("state backend answered " + r.statusCode());
			}
			return r.body();
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new AgentException("cannot fetch state from " + url + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AgentException("interrupted");
		}
	}

	/** Parses a state document; for tests and tools. */
	public static JsonNode parse(String json) {
		return JSON.readTree(json);
	}

}
