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
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a snapshot to a fedcmdb server over HTTP: zstd- or gzip-encoded, in chunks of at most 10,000 items when it is larger,
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

	/** A chunked snapshot being posted. */
	public final class Upload {

		private final String id;

		private int chunks;

		private Upload(String id) {
			this.id = id;
		}

		public String id() {
			return id;
		}

		/** Posts the next chunk: {@code items} and {@code relationships}, at most {@link #CHUNK} items. */
		public void chunk(Map<String, Object> chunk) throws AgentException {
			send("/api/v1/snapshots/" + id + "/chunks", chunk, 202);
			chunks++;
		}

		/** Seals the snapshot: the server applies what it has not yet and finishes it. */
		public void complete() throws AgentException {
			send("/api/v1/snapshots/" + id + "/complete", Map.of(), 202);
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

	/**
	 * zstd (RFC 8878) where zstd-jni loads (the server's class path, the standalone agents' lib), else gzip; a server
	 * that refuses zstd (an earlier version: 415 UNSUPPORTED_ENCODING) is sent gzip from then on.
	 */
	private volatile boolean zstd = zstdLoads();

	private static boolean zstdLoads() {
		try {
			return ZstdBody.loads();
		}
		catch (LinkageError absent) {
			return false; // zstd-jni not on the class path: ZstdBody itself does not link
		}
	}

	private JsonNode send(String path, Object body, int expected) throws AgentException {
		byte[] json = JSON.writeValueAsBytes(body);
		while (true) {
			boolean asZstd = zstd;
			try {
				return send(path, asZstd ? ZstdBody.compress(json) : gzip(json), asZstd ? "zstd" : "gzip", expected);
			}
			catch (AgentException ex) {
				if (!asZstd || ex.getMessage() == null || !ex.getMessage().contains("UNSUPPORTED_ENCODING")) {
					throw ex;
				}
				zstd = false; // refused before anything was stored: sent again as gzip, under a key of its own
			}
		}
	}

	private JsonNode send(String path, byte[] encoded, String coding, int expected) throws AgentException {
		// one key for every attempt of this request: a retry after a lost answer is applied once
		String idempotencyKey = java.util.UUID.randomUUID().toString();
		AgentException last = null;
		for (int attempt = 1; attempt <= 4; attempt++) {
			HttpRequest.Builder b = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofMinutes(2))
				.header("Content-Type", "application/json").header("Content-Encoding", coding)
				.header("Idempotency-Key", idempotencyKey)
				.POST(HttpRequest.BodyPublishers.ofByteArray(encoded));
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

	/**
	 * The body gzip'd at the deflater's fastest level: a chunk of 10,000 items (2-5 MB of JSON) compresses about
	 * twice as fast as at the default level and comes out some 15% larger, and the server stores the bytes as they
	 * come. The agent's encoding is part of every upload, which is what an unchanged re-send waits on.
	 */
	static byte[] gzip(byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
		try (GZIPOutputStream gz = new FastGzip(out)) {
			gz.write(data);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * zstd-jni behind a class of its own, reached only through {@link #loads()}: an agent without it on its class path
	 * (or where its native library cannot load) sends gzip. Level 1 with the frame's checksum: on a chunk of 10,000
	 * items about four times as fast as gzip at its fastest level, and smaller.
	 */
	static final class ZstdBody {

		private ZstdBody() {
		}

		static boolean loads() {
			try {
				return compress(new byte[] { '{', '}' }).length > 0;
			}
			catch (LinkageError | RuntimeException absent) {
				return false;
			}
		}

		static byte[] compress(byte[] data) {
			try (com.github.luben.zstd.ZstdCompressCtx ctx = new com.github.luben.zstd.ZstdCompressCtx()) {
				return ctx.setLevel(1).setChecksum(true).compress(data);
			}
		}

	}

	/** The JDK's gzip stream at {@link java.util.zip.Deflater#BEST_SPEED} (the level is not a constructor argument). */
	private static final class FastGzip extends GZIPOutputStream {

		FastGzip(ByteArrayOutputStream out) throws IOException {
			super(out);
			def.setLevel(java.util.zip.Deflater.BEST_SPEED);
		}

	}

}
