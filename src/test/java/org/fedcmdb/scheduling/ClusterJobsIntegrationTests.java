package org.fedcmdb.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.fedcmdb.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A fire slot of a job is claimed once, however many instances (here threads) race for it. */
class ClusterJobsIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private ClusterJobs cluster;

	@Test
	void oneClaimPerSlotUnderContention() throws Exception {
		String job = "staleness-" + unique();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Boolean>> racers = java.util.stream.IntStream.range(0, 8)
				.<Callable<Boolean>>mapToObj(i -> () -> cluster.claim(job, 42)).toList();
			long won = 0;
			for (Future<Boolean> f : pool.invokeAll(racers)) {
				won += f.get() ? 1 : 0;
			}
			assertThat(won).isEqualTo(1);
			assertThat(cluster.claim(job, 43)).as("the next slot").isTrue();
			assertThat(cluster.claim(job, 42)).as("a slot already run").isFalse();
		}
		finally {
			pool.shutdownNow();
		}
	}

}
