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

}
