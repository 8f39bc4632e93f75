package org.fedcmdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.fedcmdb.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The bounded load test of issue 6: 8 agents posting and 16 GraphQL readers at once against the embedded server. It
 * asserts only correctness (no errors, every acknowledged snapshot applied, no lost and no duplicated CI); its
 * throughput and latency figures are printed here and measured properly by the benchmark's {@code load} phase.
 */
class LoadIntegrationTests extends IntegrationTestSupport {

	@Test
	void eightAgentsAndSixteenReadersEndWithNoErrorNoLossAndNoDuplicate() throws Exception {
		LoadDriver.Result r = new LoadDriver(port, driver,
				new LoadDriver.Settings(8, 16, Duration.ofSeconds(10), 30, Duration.ofMillis(500), ADMIN_TOKEN))
			.run();
		System.out.println("[load test] " + r.figures());
		assertThat(r.errors()).as("errors: %s", r.errorSamples()).isZero();
		assertThat(r.lost()).isZero();
		assertThat(r.duplicates()).isZero();
		assertThat(((Number) r.figures().get("snapshots")).intValue()).isGreaterThanOrEqualTo(8);
		assertThat(((Number) r.figures().get("reads")).intValue()).isPositive();
	}

}
