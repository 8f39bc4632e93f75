package org.fedcmdb.agents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a snapshot to a fedcmdb server over HTTP: gzip-encoded, in chunks of at most 10,000 items when it is larger,
 * with retries and backoff on network errors and 5xx answers, and the agent's bearer token. Reports progress for long
 * runs through a callback.
 */
public final class SnapshotPoster {

	/** Items per chunk. */
	public static final int CHUNK = 10_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI server;

	private final String token;

	private final HttpClient http;

	private final Consumer<String> progress;

	public SnapshotPoster(URI server, String token, Consumer<String> progress) {
		this.server = server;
		this.token = token;
		this.progress = progress;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
	}

	/** @return the server's snapshot id */
	public String post(Snapshot snapshot) throws AgentException {
		int n = snapshot.items().size();
		if (n <= CHUNK && snapshot.relationships().size() <= CHUNK * 5) {
			JsonNode r = send("/api/v1/snapshots", snapshot.toMap(), 202);
			progress.accept("posted " + n + " items as snapshot " + r.get("snapshotId").asString());
			return r.get("snapshotId").asString();
		}
		Upload upload = open(snapshot.envelope());
		List<Map<String, Object>> chunks = snapshot.chunks(CHUNK);
		for (Map<String, Object> chunk : chunks) {
			upload.chunk(chunk);
			progress.accept(String.format("snapshot %s: chunk %d/%d (%d%%)", upload.id(), upload.chunks, chunks.size(),
					upload.chunks * 100 / chunks.size()));
		}
		upload.complete();
		return upload.id();
	}

	/**
	 * Opens a chunked snapshot with this envelope, for a caller that makes its chunks as it goes rather than holding
	 * the whole snapshot: give them in order ({@link Upload#chunk}), then {@link Upload#complete}.
	 */
	public Upload open(Map<String, Object> envelope) throws AgentException {
		Map<String, Object> open = new LinkedHashMap<>(envelope);
		open.put("chunked", true);
		return new Upload(send("/api/v1/snapshots", open, 201).get("snapshotId").asString());
	}

	/**
	 * Sends a chunk's request bodies while the caller makes the next chunk: one request in flight at a time, so the
	 * server receives the chunks in the order given. Daemon threads, ended when idle.
	 */
	private static final ExecutorService SENDER = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "fedcmdb-agent-upload");
		t.setDaemon(true);
		return t;
	});

	/**
	 * A chunked snapshot being posted. Each chunk is encoded on the caller's thread and sent on another while the
	 * caller makes the next one (the agent's generation and encoding of chunk n+1 overlap the server's parsing of
	 * chunk n: a large snapshot's upload took their sum). At most one chunk is in flight and the next is sent only
	 * once the server accepted it, so the order is the caller's; a chunk the server refused (or that could not be
	 * delivered after the retries) fails the next {@link #chunk} or {@link #complete}, and nothing after it is sent.
	 */
	public final class Upload {

		private final String id;

		private int chunks;

		/** The chunk in flight; null when none is. */
		private CompletableFuture<JsonNode> inFlight;

		/** Why a chunk was not delivered: every later call fails with it. */
		private AgentException failed;

		private Upload(String id) {
			this.id = id;
		}

		public String id() {
			return id;
		}

		/**
		 * Posts the next chunk: {@code items} and {@code relationships}, at most {@link #CHUNK} items. Returns once
		 * the chunk before it was accepted and this one is on its way.
		 *
		 * @throws AgentException the chunk before this one was refused or could not be delivered
		 */
		public void chunk(Map<String, Object> chunk) throws AgentException {
			byte[] body = encode(chunk);
			settle();
			String path = "/api/v1/snapshots/" + id + "/chunks";
			inFlight = CompletableFuture.supplyAsync(() -> {
				try {
					return sendEncoded(path, body, 202);
				}
				catch (AgentException ex) {
					throw new CompletionException(ex);
				}
			}, SENDER);
			chunks++;
		}

		/**
		 * Seals the snapshot once its last chunk was accepted: the server applies what it has not yet and finishes it.
		 */
		public void complete() throws AgentException {
			settle();
			send("/api/v1/snapshots/" + id + "/complete", Map.of(), 202);
		}

		/** Waits for the chunk in flight; its failure is this call's. */
		private void settle() throws AgentException {
			if (failed != null) {
				throw failed;
			}
			if (inFlight == null) {
				return;
			}
			CompletableFuture<JsonNode> last = inFlight;
			inFlight = null;
			try {
				last.join();
			}
			catch (CompletionException ex) {
				failed = ex.getCause() instanceof AgentException a ? a
						: new AgentException("chunk upload failed: " + ex.getCause(), ex.getCause());
				throw failed;
			}
		}

	}

	/** Whether the server long-polls a snapshot's status ({@code ?wait=}); false once it refused one. */
	private volatile boolean longPoll = true;

	/** Waits until the server applied the snapshot; returns its final status document. */
	public JsonNode await(String snapshotId, Duration timeout) throws AgentException {
		long deadline = System.currentTimeMillis() + timeout.toMillis();
		while (true) {
			// a long poll: the server answers when the snapshot ends (a server without it answers at once, one whose
			// fedcmdb.ingest.max-wait is shorter refuses it: both are polled); the request's timeout is the wait's
			// plus the usual 30 s, which a server busy applying the snapshot may need to answer at all
			long left = longPoll ? Math.max(0, Math.min(20, (deadline - System.currentTimeMillis()) / 1000)) : 0;
			JsonNode s;
			try {
				s = get("/api/v1/snapshots/" + snapshotId + "?limit=0" + (left > 0 ? "&wait=" + left + "s" : ""),
						Duration.ofSeconds(30 + left));
			}
			catch (AgentException ex) {
				if (longPoll && ex.getMessage().contains("INVALID_WAIT")) {
					longPoll = false;
					continue;
				}
				throw ex;
			}
			String status = s.get("status").asString();
			if (status.equals("COMPLETED") || status.equals("FAILED") || System.currentTimeMillis() > deadline) {
				return s;
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AgentException("interrupted");
			}
		}
	}

	private JsonNode send(String path, Object body, int expected) throws AgentException {
		return sendEncoded(path, encode(body), expected);
	}

	/** A request body as sent: JSON, gzip-encoded. */
	private static byte[] encode(Object body) {
		return gzip(JSON.writeValueAsBytes(body));
	}

	private JsonNode sendEncoded(String path, byte[] gz, int expected) throws AgentException {
		// one key for every attempt of this request: a retry after a lost answer is applied once
		String idempotencyKey = java.util.UUID.randomUUID().toString();
		AgentException last = null;
		for (int attempt = 1; attempt <= 4; attempt++) {
			HttpRequest.Builder b = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofMinutes(2))
				.header("Content-Type", "application/json").header("Content-Encoding", "gzip")
				.header("Idempotency-Key", idempotencyKey)
				.POST(HttpRequest.BodyPublishers.ofByteArray(gz));
			if (token != null && !token.isBlank()) {
				b.header("Authorization", "Bearer " + token);
			}
			try {
				HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
				if (r.statusCode() == expected) {
					return JSON.readTree(r.body());
				}
				last = new AgentException("server answered " + r.statusCode() + " to " + path + ": " + r.body());
				if (r.statusCode() < 500 && r.statusCode() != 409) {
					throw last;
				}
			}
			catch (IOException ex) {
				last = new AgentException("cannot reach " + server + ": " + ex.getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AgentException("interrupted");
			}
			backoff(attempt);
		}
		throw last;
	}

	private JsonNode get(String path, Duration timeout) throws AgentException {
		HttpRequest.Builder b = HttpRequest.newBuilder(server.resolve(path)).timeout(timeout).GET();
		if (token != null && !token.isBlank()) {
			b.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() != 200) {
				throw new AgentException("server answered " + r.statusCode() + " to " + path + ": " + r.body());
			}
			return JSON.readTree(r.body());
		}
		catch (IOException ex) {
			throw new AgentException("cannot reach " + server + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AgentException("interrupted");
		}
	}

	private static void backoff(int attempt) {
		try {
			Thread.sleep(250L << attempt);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static byte[] gzip(byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
			gz.write(data);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

}
