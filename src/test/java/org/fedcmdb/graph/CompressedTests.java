package org.fedcmdb.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Zstandard written, both it and the gzip of earlier versions read back. */
class CompressedTests {

	private final byte[] text = "{\"kind\":\"item\",\"operation\":\"NO_CHANGE\"} \u00e9 \ud83d\ude80 ".repeat(2_000)
		.getBytes(StandardCharsets.UTF_8);

	@Test
	void writesZstandardAndReadsItBack() {
		byte[] packed = Compressed.compress(text);
		assertThat(Compressed.isZstd(packed)).as("zstd-jni's native library loads here").isTrue();
		assertThat(packed.length).isLessThan(text.length / 10);
		assertThat(Compressed.decompress(packed)).isEqualTo(text);
	}

	@Test
	void readsWhatEarlierVersionsWroteAsGzip() {
		byte[] gzip = Compressed.gzip(text);
		assertThat(gzip[0] & 0xff).isEqualTo(0x1f);
		assertThat(Compressed.decompress(gzip)).isEqualTo(text);
	}

	@Test
	void emptyAndIncompressibleBytesRoundTrip() {
		byte[] noise = new byte[100_000];
		new Random(7).nextBytes(noise);
		assertThat(Compressed.decompress(Compressed.compress(noise))).isEqualTo(noise);
		assertThat(Compressed.decompress(Compressed.compress(new byte[0]))).isEmpty();
	}

	@Test
	void corruptBytesAreRefusedNotMisread() {
		byte[] packed = Compressed.compress(text);
		packed[packed.length / 2] ^= 0x55;
		assertThatThrownBy(() -> Compressed.decompress(packed)).isInstanceOf(RuntimeException.class);
		byte[] truncated = java.util.Arrays.copyOf(Compressed.compress(text), 10);
		assertThatThrownBy(() -> Compressed.decompress(truncated)).isInstanceOf(RuntimeException.class);
		assertThatThrownBy(() -> Compressed.decompress("not compressed".getBytes(StandardCharsets.US_ASCII)))
			.isInstanceOf(RuntimeException.class);
	}

	@Test
	void aSliceAndAWrittenStreamCompressAsTheWholeArrayDoes() {
		byte[] framed = new byte[text.length + 20];
		System.arraycopy(text, 0, framed, 7, text.length);
		assertThat(Compressed.decompress(Compressed.compress(framed, 7, text.length))).isEqualTo(text);
		// written a few bytes at a time, past the stream's first 64 KB (it grows into larger borrowed arrays)
		byte[] written = Compressed.compress(out -> {
			for (int i = 0; i < text.length; i += 1000) {
				out.write(text, i, Math.min(1000, text.length - i));
			}
			for (int i = 0; i < 300_000; i++) {
				out.write(i);
			}
		});
		byte[] expected = java.util.Arrays.copyOf(text, text.length + 300_000);
		for (int i = 0; i < 300_000; i++) {
			expected[text.length + i] = (byte) i;
		}
		assertThat(Compressed.decompress(written)).isEqualTo(expected);
		assertThatThrownBy(() -> Compressed.compress(text, 5, text.length))
			.isInstanceOf(IndexOutOfBoundsException.class);
	}

	/** The reused arrays are never handed to two callers at once: each thread reads back what it wrote. */
	@Test
	void threadsCompressingAtOnceEachGetTheirOwnBytesBack() throws Exception {
		var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
		try {
			java.util.List<java.util.concurrent.Future<Boolean>> all = new java.util.ArrayList<>();
			for (int t = 0; t < 6; t++) {
				int seed = t;
				all.add(pool.submit(() -> {
					Random rnd = new Random(seed);
					for (int i = 0; i < 60; i++) {
						byte[] data = new byte[rnd.nextInt(400_000)];
						for (int j = 0; j < data.length; j++) {
							data[j] = (byte) ('a' + rnd.nextInt(3)); // compressible, different per thread and round
						}
						byte[] packed = i % 2 == 0 ? Compressed.compress(data) : Compressed.compress(out -> {
							out.write(data, 0, data.length);
						});
						if (!java.util.Arrays.equals(Compressed.decompress(packed), data)) {
							return false;
						}
					}
					return true;
				}));
			}
			for (var f : all) {
				assertThat(f.get()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
