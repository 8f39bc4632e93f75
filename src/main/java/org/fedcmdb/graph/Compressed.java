package org.fedcmdb.graph;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
		return compress(data, 0, data.length);
	}

	/** {@code len} bytes of {@code data} from {@code off}, compressed. */
	public static byte[] compress(byte[] data, int off, int len) {
		java.util.Objects.checkFromIndexSize(off, len, data.length);
		return ZSTD ? zstd(data, off, len) : gzip(data, off, len);
	}

	/**
	 * What {@code writer} writes, compressed: written into a reused buffer ({@link Spares}) instead of a
	 * ByteArrayOutputStream that grows and is copied out; a chunk's results, 1.5 MB of JSON, took three new arrays of
	 * that size per chunk (each over the humongous threshold of G1, the JVM's default collector: 1 MB at a 4 GB heap).
	 */
	public static byte[] compress(Writing writer) {
		SpareStream out = new SpareStream();
		try {
			writer.writeTo(out);
			return compress(out.buf, 0, out.count);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			Spares.giveBack(out.buf);
		}
	}

	/** What writes the bytes {@link #compress(Writing)} compresses. */
	@FunctionalInterface
	public interface Writing {

		void writeTo(OutputStream out) throws IOException;

	}

	/**
	 * With the frame's checksum, as gzip has its CRC: a damaged property is refused, not read as other bytes. Into a
	 * reused buffer of the compressed size's bound, then copied to the frame's size (the library's own {@code
	 * compress(byte[])} allocates the bound for every call).
	 */
	private static byte[] zstd(byte[] data, int off, int len) {
		int bound = Math.toIntExact(Zstd.compressBound(len));
		byte[] dst = Spares.borrow(bound);
		try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
			int n = ctx.setLevel(ZSTD_LEVEL).setChecksum(true).compressByteArray(dst, 0, bound, data, off, len);
			return Arrays.copyOf(dst, n);
		}
		finally {
			Spares.giveBack(dst);
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
		return gzip(data, 0, data.length);
	}

	static byte[] gzip(byte[] data, int off, int len) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, len / 4));
		try (GZIPOutputStream gz = new FastGzip(out)) {
			gz.write(data, off, len);
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
			return java.util.Arrays.equals(unzstd(zstd(probe, 0, probe.length)), probe);
		}
		catch (LinkageError | RuntimeException ex) {
			LoggerFactory.getLogger(Compressed.class)
				.warn("Zstandard unavailable ({}); compressing with gzip", ex.toString());
			return false;
		}
	}

	/**
	 * A few byte arrays kept for reuse (at most {@link #SLOTS} of up to {@link #MAX} bytes: 32 MB over all threads,
	 * whatever their number). Written by hand because the pools at hand do not fit: Netty's allocator hands out its own
	 * buffer type, zstd-jni's {@code RecyclingBufferPool} keeps one size of direct buffers, a ThreadLocal would keep one
	 * per request thread.
	 */
	static final class Spares {

		static final int SLOTS = 4;

		static final int MAX = 8 << 20;

		private static final AtomicReferenceArray<byte[]> SLOT = new AtomicReferenceArray<>(SLOTS);

		private Spares() {
		}

		/** An array of at least {@code size} bytes (contents undefined). */
		static byte[] borrow(int size) {
			for (int i = 0; i < SLOTS; i++) {
				byte[] b = SLOT.get(i);
				if (b != null && b.length >= size && SLOT.compareAndSet(i, b, null)) {
					return b;
				}
			}
			return new byte[size];
		}

		/** Keeps {@code b} for a later {@link #borrow} if there is room and it is not too large. */
		static void giveBack(byte[] b) {
			if (b.length > MAX) {
				return;
			}
			for (int i = 0; i < SLOTS; i++) {
				if (SLOT.compareAndSet(i, null, b)) {
					return;
				}
			}
			// all slots taken: keep the larger array
			for (int i = 0; i < SLOTS; i++) {
				byte[] held = SLOT.get(i);
				if (held != null && held.length < b.length && SLOT.compareAndSet(i, held, b)) {
					return;
				}
			}
		}

	}

	/** An output stream over a borrowed array, which it replaces by a larger one (and gives the old one back) when full. */
	private static final class SpareStream extends OutputStream {

		byte[] buf = Spares.borrow(64 << 10);

		int count;

		@Override
		public void write(int b) {
			ensure(1);
			buf[count++] = (byte) b;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			java.util.Objects.checkFromIndexSize(off, len, b.length);
			ensure(len);
			System.arraycopy(b, off, buf, count, len);
			count += len;
		}

		private void ensure(int more) {
			if (buf.length - count >= more) {
				return;
			}
			long want = Math.max((long) count + more, 2L * buf.length);
			if (want > Integer.MAX_VALUE - 8) {
				throw new OutOfMemoryError("more than 2 GB written");
			}
			byte[] larger = Spares.borrow((int) want);
			System.arraycopy(buf, 0, larger, 0, count);
			Spares.giveBack(buf);
			buf = larger;
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
