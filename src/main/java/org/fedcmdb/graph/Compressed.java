package org.fedcmdb.graph;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import org.slf4j.LoggerFactory;

/**
 * Compressed byte-array properties the server writes for itself (chunk results and amendments, waiting edges, pairs of
 * unwritten records, event batches): Zstandard at level 1 (zstd-jni, which the embedded Neo4j ships with), gzip at its
 * fastest level where zstd's native library cannot load. Measured on a chunk's 1.5 MB of results JSON: zstd 1.7 ms to
 * 224 KB and 0.8 ms back, gzip 7.2 ms to 318 KB and 3.0 ms back; these bytes are written on the ingestion path, once
 * per chunk. Reading tells the two apart by their magic numbers, so properties written as gzip by earlier versions
 * (and snapshot payloads, stored as their senders gzip'd them) read as before.
 */
public final class Compressed {

	private static final boolean ZSTD = zstdLoads();

	private static final int ZSTD_LEVEL = 1;

	/** The largest declared size decoded into one array allocated up front: the snapshot body limit's 64 MB, twice. */
	private static final long ONE_SHOT_MAX = 128L << 20;

	private Compressed() {
	}

	/** Whether zstd-jni's native library loaded here (else gzip is written, and zstd cannot be read). */
	public static boolean zstdAvailable() {
		return ZSTD;
	}

	public static byte[] compress(byte[] data) {
		return ZSTD ? zstd(data) : gzip(data);
	}

	/** With the frame's checksum, as gzip has its CRC: a damaged property is refused, not read as other bytes. */
	private static byte[] zstd(byte[] data) {
		try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
			return ctx.setLevel(ZSTD_LEVEL).setChecksum(true).compress(data);
		}
	}

	/** Zstandard or gzip, as the bytes' first four say. */
	public static byte[] decompress(byte[] data) {
		return isZstd(data) ? unzstd(data) : gunzip(data);
	}

	public static boolean isZstd(byte[] data) {
		// the frame's magic number 0xFD2FB528, little-endian
		return data.length >= 4 && (data[0] & 0xff) == 0x28 && (data[1] & 0xff) == 0xb5 && (data[2] & 0xff) == 0x2f
				&& (data[3] & 0xff) == 0xfd;
	}

	/**
	 * One frame of known size (what {@link #compress} writes) at once; several frames, one without its size (a
	 * sender's streamed body) or one declaring more than {@link #ONE_SHOT_MAX} through the streaming decoder, which
	 * grows its output as it decodes (a sender's frame header is not trusted with an allocation) and also reports a
	 * damaged frame.
	 */
	private static byte[] unzstd(byte[] data) {
		long size = Zstd.getFrameContentSize(data);
		if (size >= 0 && size <= ONE_SHOT_MAX) {
			try {
				return Zstd.decompress(data, (int) size);
			}
			catch (RuntimeException notOneFrame) {
				// more frames than the first's size holds, or damaged: the stream tells which
			}
		}
		try (InputStream in = zstdStream(new ByteArrayInputStream(data))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A Zstandard decoder over {@code in} that refuses frames whose window is over 8 MB, as RFC 8878 lets an HTTP
	 * recipient (a small body may otherwise ask for a window of up to 2 GB).
	 */
	public static InputStream zstdStream(InputStream in) throws IOException {
		if (!ZSTD) {
			throw new IOException("Zstandard is not available on this server");
		}
		return new ZstdInputStream(in).setLongMax(23);
	}

	static byte[] gzip(byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
		try (GZIPOutputStream gz = new FastGzip(out)) {
			gz.write(data);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] gunzip(byte[] data) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean zstdLoads() {
		try {
			byte[] probe = "fedcmdb".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
			return java.util.Arrays.equals(unzstd(zstd(probe)), probe);
		}
		catch (LinkageError | RuntimeException ex) {
			LoggerFactory.getLogger(Compressed.class)
				.warn("Zstandard unavailable ({}); compressing with gzip", ex.toString());
			return false;
		}
	}

	/** The JDK's gzip stream with its deflater at {@link Deflater#BEST_SPEED} (the level is not a constructor argument). */
	private static final class FastGzip extends GZIPOutputStream {

		FastGzip(ByteArrayOutputStream out) throws IOException {
			super(out);
			def.setLevel(Deflater.BEST_SPEED);
		}

	}

}
