package org.fedcmdb.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import jakarta.servlet.http.HttpServletRequest;
import org.fedcmdb.idempotency.IdempotencyKeys;
import org.fedcmdb.longpoll.LongPolls;
import org.fedcmdb.security.Principal;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The v1 snapshot API. Bodies are read as bytes (optionally gzip-encoded) with a hard size limit, so an oversized or
 * decompression-bomb body is refused with 413 before it is parsed.
 */
@RestController
@RequestMapping("/api/v1/snapshots")
class SnapshotController {

	private final SnapshotService service;

	private final IngestProperties properties;

	private final IdempotencyKeys idempotency;

	private final LongPolls polls;

	SnapshotController(SnapshotService service, IngestProperties properties, IdempotencyKeys idempotency,
			LongPolls polls) {
		this.service = service;
		this.properties = properties;
		this.idempotency = idempotency;
		this.polls = polls;
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> submit(HttpServletRequest request) throws IOException {
		SnapshotService.Body body = body(request);
		Principal caller = principal(request);
		IdempotencyKeys.Outcome o = idempotency.run(caller.name(), request.getHeader("Idempotency-Key"), body.json(), () -> {
			SnapshotService.Accepted a = service.submit(body, caller);
			return Map.of("snapshotId", a.snapshotId(), "status", a.status());
		});
		HttpStatus status = "RECEIVING".equals(o.response().get("status")) ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
		return ResponseEntity.status(status)
			.header("Location", "/api/v1/snapshots/" + o.response().get("snapshotId"))
			.header("Idempotent-Replayed", String.valueOf(o.replayed()))
			.body(o.response());
	}

	@PostMapping("/{id}/chunks")
	ResponseEntity<Map<String, Object>> chunk(@PathVariable String id, HttpServletRequest request) throws IOException {
		SnapshotService.Body body = body(request);
		Principal caller = principal(request);
		IdempotencyKeys.Outcome o = idempotency.run(caller.name(), request.getHeader("Idempotency-Key"), body.json(), () -> {
			SnapshotService.Accepted a = service.addChunk(id, body, caller);
			return Map.of("snapshotId", id, "status", a.status(), "chunk", a.chunk());
		});
		return ResponseEntity.accepted().header("Idempotent-Replayed", String.valueOf(o.replayed())).body(o.response());
	}

	@PostMapping("/{id}/complete")
	ResponseEntity<Map<String, Object>> complete(@PathVariable String id, HttpServletRequest request)
			throws IOException {
		byte[] body = request.getContentLengthLong() == 0 ? new byte[0] : readLimited(request).json();
		SnapshotService.Accepted a = service.complete(id, body, principal(request));
		return ResponseEntity.accepted().body(Map.of("snapshotId", id, "status", a.status()));
	}

	/**
	 * A snapshot's status; {@code wait} (a duration up to {@code fedcmdb.ingest.max-wait}) long-polls until it has
	 * ended (COMPLETED or FAILED), instead of the caller polling; the wait holds no request thread
	 * ({@link LongPolls}), and the snapshot's end answers it at once on this instance.
	 */
	@GetMapping("/{id}")
	DeferredResult<ResponseEntity<SnapshotStatus>> get(@PathVariable String id,
			@RequestParam(defaultValue = "0") String offset, @RequestParam(defaultValue = "1000") String limit,
			@RequestParam(required = false) String wait) {
		int from = bounded(offset, MAX_OFFSET, "INVALID_OFFSET", "offset is an entry's position, 0 to " + MAX_OFFSET);
		int page = bounded(limit, MAX_LIMIT, "INVALID_LIMIT",
				"limit is 0 (the status without entry results) to " + MAX_LIMIT + " entry results");
		return polls.answer(waitFor(wait), SnapshotEnds.RECHECK, last -> {
			SnapshotStatus status = service.statusWhenEnded(id, from, page, last);
			return status == null ? null : ResponseEntity.ok(status);
		});
	}

	/** Entry results a status page holds at most. */
	static final int MAX_LIMIT = 10_000;

	private static final int MAX_OFFSET = 1_000_000_000;

	/** A non-negative whole number up to {@code max}, else 400 {@code code}. */
	private static int bounded(String value, int max, String code, String message) {
		if (value != null && value.matches("\\d{1,10}")) {
			long n = Long.parseLong(value);
			if (n <= max) {
				return (int) n;
			}
		}
		throw new SnapshotException(400, code, message);
	}

	private Duration waitFor(String wait) {
		if (wait == null) {
			return Duration.ZERO;
		}
		try {
			Duration d = DurationStyle.detectAndParse(wait);
			if (!d.isNegative() && d.compareTo(properties.maxWait()) <= 0) {
				return d;
			}
		}
		catch (IllegalArgumentException ex) {
			// refused below, as one out of range
		}
		throw new SnapshotException(400, "INVALID_WAIT",
				"wait is a duration like 30s, up to " + properties.maxWait().toSeconds() + "s");
	}

	private static Principal principal(HttpServletRequest request) {
		Object p = request.getAttribute(Principal.ATTRIBUTE);
		return p instanceof Principal principal ? principal : Principal.UNRESTRICTED;
	}

	private SnapshotService.Body body(HttpServletRequest request) throws IOException {
		String type = request.getContentType();
		if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type))) {
			throw new SnapshotException(415, "UNSUPPORTED_MEDIA_TYPE",
					"Send the snapshot as Content-Type: application/json (optionally Content-Encoding: gzip or zstd)");
		}
		return readLimited(request);
	}

	/**
	 * The body, at most {@code fedcmdb.ingest.max-body-size} once decompressed; a gzip- or zstd-encoded one (RFC 9110,
	 * RFC 8878) is read whole first (it is no larger than the limit either) and kept as it came, for the store.
	 */
	private SnapshotService.Body readLimited(HttpServletRequest request) throws IOException {
		long max = properties.maxBodySize().toBytes();
		if (request.getContentLengthLong() > max) {
			throw tooLarge(max);
		}
		String encoding = request.getHeader("Content-Encoding");
		String coding = encoding == null ? "identity" : encoding.trim().toLowerCase(java.util.Locale.ROOT);
		if (!coding.equals("gzip") && !coding.equals("zstd") && !coding.equals("identity")) {
			throw new SnapshotException(415, "UNSUPPORTED_ENCODING", "Content-Encoding must be gzip, zstd or identity");
		}
		if (coding.equals("zstd") && !org.fedcmdb.graph.Compressed.zstdAvailable()) {
			// as a server without zstd answers: the agents send gzip from then on
			throw new SnapshotException(415, "UNSUPPORTED_ENCODING",
					"Content-Encoding must be gzip or identity (Zstandard's library does not load on this server)");
		}
		byte[] raw = limited(request.getInputStream(), max);
		if (coding.equals("identity")) {
			return new SnapshotService.Body(raw, null);
		}
		try (InputStream in = decoder(coding, raw)) {
			return new SnapshotService.Body(limited(in, max), raw);
		}
		catch (IOException ex) {
			throw new SnapshotException(400, "INVALID_ENCODING", "The " + coding + " body is corrupt: " + ex.getMessage());
		}
	}

	private static InputStream decoder(String coding, byte[] raw) throws IOException {
		if (coding.equals("zstd")) {
			if (!org.fedcmdb.graph.Compressed.isZstd(raw)) {
				throw new SnapshotException(400, "INVALID_ENCODING", "Content-Encoding is zstd but the body is not zstd");
			}
			return org.fedcmdb.graph.Compressed.zstdStream(new ByteArrayInputStream(raw));
		}
		try {
			return new GZIPInputStream(new ByteArrayInputStream(raw));
		}
		catch (ZipException | java.io.EOFException ex) {
			throw new SnapshotException(400, "INVALID_ENCODING", "Content-Encoding is gzip but the body is not gzip");
		}
	}

	private static byte[] limited(InputStream in, long max) throws IOException {
		byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
		if (data.length > max) {
			throw tooLarge(max);
		}
		return data;
	}

	private static SnapshotException tooLarge(long max) {
		return new SnapshotException(413, "PAYLOAD_TOO_LARGE", "The body is larger than " + (max / (1024 * 1024))
				+ " MB; send a chunked snapshot (see README, 'Chunked snapshots')");
	}

	@ExceptionHandler(org.fedcmdb.idempotency.IdempotencyException.class)
	ResponseEntity<Map<String, Object>> idempotency(org.fedcmdb.idempotency.IdempotencyException ex) {
		return refused(new SnapshotException(ex.status(), ex.code(), ex.getMessage()));
	}

	@ExceptionHandler(SnapshotException.class)
	ResponseEntity<Map<String, Object>> refused(SnapshotException ex) {
		return ResponseEntity.status(ex.status()).body(Map.of("code", ex.code(), "message", ex.getMessage(), "status",
				ex.status()));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException ex) {
		return refused(new SnapshotException(415, "UNSUPPORTED_MEDIA_TYPE", "Send application/json"));
	}

}
