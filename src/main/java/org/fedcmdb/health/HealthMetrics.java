package org.fedcmdb.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.fedcmdb.catalogue.CiClass;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.springframework.stereotype.Component;

/**
 * The health figures as Prometheus gauges ({@code fedcmdb_cis{class,status}}, {@code fedcmdb_health_*},
 * {@code fedcmdb_source_*}, {@code fedcmdb_pending_edges*}), rewritten after each computation so that classes and
 * sources that disappear stop being reported.
 */
@Component
class HealthMetrics {

	private final MultiGauge cis;

	private final MultiGauge completeness;

	private final MultiGauge compliance;

	private final MultiGauge orphans;

	private final MultiGauge staleAssertions;

	private final MultiGauge silent;

	private final MultiGauge lastReportAge;

	private volatile HealthReport last;

	/** The dependent classes (identified inside what they run on): each has an orphans figure, 0 when it has none. */
	private final List<String> dependentClasses;

	HealthMetrics(MeterRegistry registry, ClassCatalogue catalogue) {
		dependentClasses = catalogue.all().stream().filter(CiClass::isScoped).map(CiClass::name).toList();
		cis = MultiGauge.builder("fedcmdb.cis").description("CIs by class and status").register(registry);
		completeness = MultiGauge.builder("fedcmdb.health.completeness")
			.description("Share of live CIs with every required attribute of their class").register(registry);
		compliance = MultiGauge.builder("fedcmdb.health.compliance")
			.description("Share of live CIs whose every asserting source is within its staleness window").register(registry);
		orphans = MultiGauge.builder("fedcmdb.health.orphans")
			.description("Live CIs of dependent classes with nothing to run on or be hosted on").register(registry);
		staleAssertions = MultiGauge.builder("fedcmdb.source.stale.assertions")
			.description("Live assertions of a source older than its staleness window").register(registry);
		silent = MultiGauge.builder("fedcmdb.source.silent")
			.description("1 when a source has not reported within its staleness window").register(registry);
		lastReportAge = MultiGauge.builder("fedcmdb.source.last.report.age").baseUnit("seconds")
			.description("Time since a source's newest observation").register(registry);
		Gauge.builder("fedcmdb.health.duplicate.candidates", this, m -> m.value(r -> r.duplicateCandidates()))
			.description("Groups of live CIs sharing a name and an IP address or FQDN, kept apart").register(registry);
		Gauge.builder("fedcmdb.pending.edges.oldest.age", this, m -> m.value(r -> r.pendingOldestSince() == null ? 0
				: (System.currentTimeMillis() - r.pendingOldestSince()) / 1000.0))
			.baseUnit("seconds").description("How long the oldest pending relationship has waited").register(registry);
		Gauge.builder("fedcmdb.health.computation", this, m -> m.value(r -> r.durationMs() / 1000.0)).baseUnit("seconds")
			.description("How long the last health computation took").register(registry);
	}

	private double value(java.util.function.ToDoubleFunction<HealthReport> f) {
		HealthReport r = last;
		return r == null ? Double.NaN : f.applyAsDouble(r);
	}

	void update(HealthReport r) {
		last = r;
		List<MultiGauge.Row<?>> byStatus = new ArrayList<>();
		List<MultiGauge.Row<?>> complete = new ArrayList<>();
		List<MultiGauge.Row<?>> compliant = new ArrayList<>();
		for (HealthReport.ClassHealth c : r.classes()) {
			byStatus.add(MultiGauge.Row.of(Tags.of("class", c.className(), "status", "ACTIVE"), c.active()));
			byStatus.add(MultiGauge.Row.of(Tags.of("class", c.className(), "status", "STALE"), c.stale()));
			byStatus.add(MultiGauge.Row.of(Tags.of("class", c.className(), "status", "RETIRED"), c.retired()));
			complete.add(MultiGauge.Row.of(Tags.of("class", c.className()), c.completeness()));
			compliant.add(MultiGauge.Row.of(Tags.of("class", c.className()), c.compliance()));
		}
		cis.register(byStatus, true);
		completeness.register(complete, true);
		compliance.register(compliant, true);
		// a series per dependent class, 0 without orphans: "no data" on a dashboard is not "none"
		Map<String, Integer> orphaned = new HashMap<>();
		r.orphans().forEach(o -> orphaned.put(o.className(), o.count()));
		orphans.register(dependentClasses.stream()
			.map(c -> MultiGauge.Row.of(Tags.of("class", c), orphaned.getOrDefault(c, 0)))
			.toList(), true);
		staleAssertions.register(r.sources().stream().map(s -> MultiGauge.Row.of(Tags.of("source", s.source()), s.stale()))
			.toList(), true);
		silent.register(r.sources().stream().map(s -> MultiGauge.Row.of(Tags.of("source", s.source()), s.silent() ? 1 : 0))
			.toList(), true);
		lastReportAge.register(r.sources().stream().filter(s -> s.lastReportAt() != null)
			.map(s -> MultiGauge.Row.of(Tags.of("source", s.source()), (r.computedAt() - s.lastReportAt()) / 1000.0))
			.toList(), true);
	}

}
