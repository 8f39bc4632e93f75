package org.fedcmdb.cis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class EdgeKeysTests {

	/**
	 * Keys are stored (a chunk's reported edges) and compared with keys computed later, maybe by another version: the
	 * first 8 bytes of SHA-256 over type, from and to, pinned here (computed independently, with Python's hashlib).
	 */
	@Test
	void aKeyIsTheStoredFormatsHash() {
		assertThat(EdgeKeys.key("DEPENDS_ON", "ci-a", "ci-b")).isEqualTo(-8196861704270853212L);
		assertThat(EdgeKeys.key("DEPENDS_ON", "ci-a", "ci-b")).as("the reused digest starts over").isEqualTo(-8196861704270853212L);
	}

	/** The ASCII path writes the bytes itself: the same keys as the stored format's own formula, for any text. */
	@Test
	void aKeyIsTheSameWhicheverWayItsBytesAreMade() throws Exception {
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(16);
		java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
		String[] alphabets = { "abcXYZ019-_:./", "ab\u00e9\u4e2d\ud83d\ude00", "ab\ud800\udc00\ud800", "a\u0000\u007f\u0080" };
		for (int i = 0; i < 2_000; i++) {
			String[] parts = new String[3];
			for (int p = 0; p < 3; p++) {
				String alphabet = alphabets[rnd.nextInt(alphabets.length)];
				StringBuilder b = new StringBuilder();
				int length = rnd.nextInt(10) == 0 ? 200 + rnd.nextInt(400) : rnd.nextInt(40);
				for (int c = 0; c < length; c++) {
					b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
				}
				parts[p] = b.toString();
			}
			byte[] digest = sha.digest((parts[0] + '\u0000' + parts[1] + '\u0000' + parts[2])
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			assertThat(EdgeKeys.key(parts[0], parts[1], parts[2])).as(String.join(" | ", parts))
				.isEqualTo(java.nio.ByteBuffer.wrap(digest, 0, 8).getLong());
		}
	}

	@Test
	void aKeyNamesTypeAndDirection() {
		long k = EdgeKeys.key("RUNS_ON", "a", "b");
		assertThat(EdgeKeys.key("RUNS_ON", "a", "b")).isEqualTo(k);
		assertThat(EdgeKeys.key("RUNS_ON", "b", "a")).isNotEqualTo(k);
		assertThat(EdgeKeys.key("DEPENDS_ON", "a", "b")).isNotEqualTo(k);
		// the separator keeps ids from running into each other
		assertThat(EdgeKeys.key("RUNS_ON", "a|b", "c")).isNotEqualTo(EdgeKeys.key("RUNS_ON", "a", "b|c"));
	}

	@Test
	void theReportedSetOfManyChunksAnswersMembership() {
		long[] one = { EdgeKeys.key("RUNS_ON", "a", "b"), EdgeKeys.key("HOSTED_ON", "b", "c") };
		long[] two = { EdgeKeys.key("DEPENDS_ON", "x", "y"), EdgeKeys.key("RUNS_ON", "a", "b") };
		long[] all = EdgeKeys.sorted(List.of(one, two, EdgeKeys.NONE));
		assertThat(all).hasSize(3);
		assertThat(EdgeKeys.contains(all, EdgeKeys.key("DEPENDS_ON", "x", "y"))).isTrue();
		assertThat(EdgeKeys.contains(all, EdgeKeys.key("DEPENDS_ON", "y", "x"))).isFalse();
		assertThat(EdgeKeys.contains(EdgeKeys.NONE, one[0])).isFalse();
	}

	@Test
	void theSortedSetIsEveryKeyOnceInOrder() {
		java.util.SplittableRandom random = new java.util.SplittableRandom(7);
		for (int round = 0; round < 50; round++) {
			List<long[]> parts = new java.util.ArrayList<>();
			for (int p = random.nextInt(5); p > 0; p--) {
				// few distinct values, so that duplicates within and across parts are common; the extremes included
				parts.add(random.longs(random.nextInt(40), -3, 4)
					.map(v -> v == 3 ? Long.MAX_VALUE : v == -3 ? Long.MIN_VALUE : v)
					.toArray());
			}
			long[] expected = parts.stream().flatMapToLong(java.util.Arrays::stream).sorted().distinct().toArray();
			assertThat(EdgeKeys.sorted(parts)).containsExactly(expected);
		}
	}

	@Test
	void keysStoredAsBytesComeBackTheSame() {
		long[] keys = { EdgeKeys.key("RUNS_ON", "a", "b"), Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE };
		assertThat(EdgeKeys.bytes(keys)).hasSize(keys.length * 8);
		assertThat(EdgeKeys.fromBytes(EdgeKeys.bytes(keys))).containsExactly(keys);
		assertThat(EdgeKeys.fromBytes(EdgeKeys.bytes(EdgeKeys.NONE))).isEmpty();
	}

}
