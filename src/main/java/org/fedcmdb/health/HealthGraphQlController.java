package org.fedcmdb.health;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.fedcmdb.graph.CiView;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** GraphQL {@code health} (READ) and {@code refreshHealth} (ADMIN, checked by the GraphQL authorisation). */
@Controller
class HealthGraphQlController {

	private final HealthService health;

	HealthGraphQlController(HealthService health) {
		this.health = health;
	}

	@QueryMapping
	HealthReport health() {
		return health.current();
	}

	@MutationMapping
	HealthReport refreshHealth() {
		return health.refresh();
	}

	@SchemaMapping(typeName = "CmdbHealth")
	Instant computedAt(HealthReport r) {
		return Instant.ofEpochMilli(r.computedAt());
	}

	@SchemaMapping(typeName = "CmdbHealth")
	Instant pendingEdgesOldestSince(HealthReport r) {
		return r.pendingOldestSince() == null ? null : Instant.ofEpochMilli(r.pendingOldestSince());
	}

	@SchemaMapping(typeName = "ClassHealth", field = "class")
	String className(HealthReport.ClassHealth c) {
		return c.className();
	}

	@SchemaMapping(typeName = "ClassHealth")
	double completeness(HealthReport.ClassHealth c) {
		return c.completeness();
	}

	@SchemaMapping(typeName = "ClassHealth")
	double compliance(HealthReport.ClassHealth c) {
		return c.compliance();
	}

	@SchemaMapping(typeName = "SourceHealth")
	Instant lastReportAt(HealthReport.SourceHealth s) {
		return s.lastReportAt() == null ? null : Instant.ofEpochMilli(s.lastReportAt());
	}

	@SchemaMapping(typeName = "DuplicateCandidate")
	CompletableFuture<List<CiView>> cis(HealthReport.Duplicate d, DataLoader<String, CiView> ci) {
		return ci.loadMany(d.ciIds());
	}

	@SchemaMapping(typeName = "OrphanCount", field = "class")
	String orphanClass(HealthReport.Orphans o) {
		return o.className();
	}

	@SchemaMapping(typeName = "OrphanCount")
	CompletableFuture<List<CiView>> sample(HealthReport.Orphans o, DataLoader<String, CiView> ci) {
		return ci.loadMany(o.sample());
	}

}
