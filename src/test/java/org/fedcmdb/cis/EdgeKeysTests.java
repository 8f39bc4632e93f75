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
	void keysStoredAsBytesComeBackTheSame() {
		long[] keys = { EdgeKeys.key("RUNS_ON", "a", "b"), Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE };
		assertThat(EdgeKeys.bytes(keys)).hasSize(keys.length * 8);
		assertThat(EdgeKeys.fromBytes(EdgeKeys.bytes(keys))).containsExactly(keys);
		assertThat(EdgeKeys.fromBytes(EdgeKeys.bytes(EdgeKeys.NONE))).isEmpty();
	}

}
