package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class IngestPropertiesTests {

	private static IngestProperties with(int settleBatch, int pendingBatch) {
		return new IngestProperties(10_000, DataSize.ofMegabytes(64), 10, Duration.ofDays(7), true, Duration.ofHours(24),
				settleBatch, pendingBatch, Duration.ofSeconds(60));
	}

	@Test
	void roundsOfWaitingEdgesAreAtLeastOne() {
		assertThat(with(1, 1).settleBatch()).isEqualTo(1);
		assertThatThrownBy(() -> with(0, 5_000)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("settle-batch");
		assertThatThrownBy(() -> with(20_000, -1)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("pending-batch");
	}

	@Test
	void theLongestWaitIsNotNegative() {
		assertThatThrownBy(() -> new IngestProperties(10_000, DataSize.ofMegabytes(64), 10, Duration.ofDays(7), true,
				Duration.ofHours(24), 1, 1, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("max-wait");
	}

}
