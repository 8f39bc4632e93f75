package org.fedcmdb.health;

import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Keeps the latest health report: recomputed every {@code fedcmdb.health.refresh} (first at start), on demand by an
 * admin; readers get the last one at no cost. Each instance computes its own (read-only work).
 */
@Service
class HealthService {

	private static final Logger log = LoggerFactory.getLogger(HealthService.class);

	private final HealthCalculator calculator;

	private final HealthMetrics metrics;

	private final AtomicReference<HealthReport> latest = new AtomicReference<>();

	HealthService(HealthCalculator calculator, HealthMetrics metrics) {
		this.calculator = calculator;
		this.metrics = metrics;
	}

	@Scheduled(initialDelayString = "${fedcmdb.health.initial-delay:20s}", fixedDelayString = "${fedcmdb.health.refresh:5m}")
	void scheduledRefresh() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			log.warn("CMDB health figures not recomputed: {}", ex.getMessage());
		}
	}

	synchronized HealthReport refresh() {
		HealthReport report = calculator.compute(System.currentTimeMillis());
		latest.set(report);
		metrics.update(report);
		log.debug("CMDB health recomputed in {} ms", report.durationMs());
		return report;
	}

	/** The last report, computing one first if none exists yet. */
	HealthReport current() {
		HealthReport r = latest.get();
		return r != null ? r : refresh();
	}

}
