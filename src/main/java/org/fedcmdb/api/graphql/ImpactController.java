package org.fedcmdb.api.graphql;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.CiView;
import org.fedcmdb.impact.BlastRadius;
import org.fedcmdb.impact.ImpactQuery;
import org.fedcmdb.impact.ImpactService;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Blast radius, change and incident assessment, and registered changes over GraphQL. */
@Controller
class ImpactController {

	private final ImpactService impact;

	private final ApiProperties properties;

	private final CiReadService reads;

	ImpactController(ImpactService impact, ApiProperties properties, CiReadService reads) {
		this.impact = impact;
		this.reads = reads;
		this.properties = properties;
	}

	record ClassCount(String className, int count) {
	}

	record BlastRadiusView(List<BlastRadius.Impacted> impacted, List<BlastRadius.Impacted> impactedServices,
			List<Map<String, Object>> countsByClass, boolean truncated, int totalImpacted, List<String> startIds,
			List<String> types) {

		static BlastRadiusView of(BlastRadius br, List<String> types) {
			List<Map<String, Object>> counts = br.countsByClass().entrySet().stream()
				.map(e -> Map.<String, Object>of("class", e.getKey(), "count", e.getValue())).toList();
			return new BlastRadiusView(br.impacted(), br.services(), counts, br.truncated(), br.impacted().size(),
					br.startIds(), types == null || types.isEmpty() ? List.copyOf(ClassCatalogue.RELATIONSHIP_TYPES) : types);
		}
	}

	record ImpactEdge(String from, String to, String type) {
	}

	/** The start CIs, as CIs. */
	@SchemaMapping(typeName = "BlastRadius")
	CompletableFuture<List<CiView>> origins(BlastRadiusView v, DataLoader<String, CiView> ci) {
		return ci.loadMany(v.startIds());
	}

	/** Every relationship among the start and impacted CIs, of the traversed types: the graph to draw, not only its tree. */
	@SchemaMapping(typeName = "BlastRadius")
	List<ImpactEdge> edges(BlastRadiusView v) {
		List<String> ids = new java.util.ArrayList<>(v.startIds());
		v.impacted().forEach(i -> ids.add(i.ciId()));
		return reads.edgesAmong(ids, v.types()).stream().map(e -> new ImpactEdge(e.from(), e.to(), e.type())).toList();
	}

	@QueryMapping
	BlastRadiusView blastRadius(@Argument List<String> ciIds, @Argument String direction, @Argument Integer maxDepth,
			@Argument List<String> relationshipTypes, @Argument Boolean includeRetired, @Argument Integer limit) {
		check(ciIds, maxDepth, limit);
		ImpactQuery q = new ImpactQuery(ciIds, ImpactQuery.Direction.valueOf(direction == null ? "UPSTREAM" : direction),
				maxDepth, relationshipTypes, Boolean.TRUE.equals(includeRetired),
				limit == null ? impact.defaultLimit() : limit);
		return BlastRadiusView.of(impact.blastRadius(q, properties.timeout()), relationshipTypes);
	}

	private void check(List<String> ciIds, Integer maxDepth, Integer limit) {
		if (ciIds.isEmpty()) {
			throw AdminController.error("INVALID_ARGUMENT", "ciIds must name at least one CI");
		}
		if (ciIds.size() > 1000) {
			throw AdminController.error("INVALID_ARGUMENT", "at most 1000 ciIds per query");
		}
		if (maxDepth != null && maxDepth < 0) {
			throw AdminController.error("INVALID_ARGUMENT", "maxDepth must be 0 or more");
		}
		if (limit != null && (limit < 0 || limit > properties.maxImpactLimit())) {
			throw AdminController.error("IMPACT_LIMIT_EXCEEDED",
					"limit must be between 0 and " + properties.maxImpactLimit());
		}
	}

	@SchemaMapping(typeName = "ClassCount", field = "class")
	String countClass(Map<String, Object> count) {
		return (String) count.get("class");
	}

	/** What the traversal rows already carry; a selection within these is answered without loading the CI. */
	private static final Set<String> SUMMARY_FIELDS = Set.of("id", "class", "name", "status", "criticality",
			"__typename");

	@SchemaMapping(typeName = "ImpactedCI")
	CompletableFuture<CiView> ci(BlastRadius.Impacted i, DataLoader<String, CiView> ci, DataFetchingEnvironment env) {
		boolean summaryOnly = env.getSelectionSet()
			.getImmediateFields()
			.stream()
			.allMatch(f -> SUMMARY_FIELDS.contains(f.getName()));
		if (summaryOnly) {
			return CompletableFuture.completedFuture(
					CiView.summary(i.ciId(), i.className(), i.name(), i.status(), i.criticality()));
		}
		return ci.load(i.ciId());
	}

	@SchemaMapping(typeName = "ImpactedCI")
	CompletableFuture<List<CiView>> path(BlastRadius.Impacted i, DataLoader<String, CiView> ci) {
		return ci.loadMany(i.path());
	}

	@QueryMapping
	Map<String, Object> changeAssessment(@Argument Map<String, Object> input) {
		@SuppressWarnings("unchecked")
		List<String> ciIds = (List<String>) input.get("ciIds");
		Integer maxDepth = (Integer) input.get("maxDepth");
		check(ciIds, maxDepth, null);
		ImpactService.ChangeResult r = impact.assessChange(ciIds, (Instant) input.get("plannedStart"),
				(Instant) input.get("plannedEnd"), maxDepth, properties.timeout());
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("blastRadius", BlastRadiusView.of(r.blastRadius(), null));
		out.put("risk", r.assessment().risk().name());
		out.put("recommendedChangeType", r.assessment().changeType());
		out.put("reasons", r.assessment().reasons());
		out.put("conflicts", r.conflicts());
		out.put("blackouts", r.blackouts());
		return out;
	}

	@QueryMapping
	Map<String, Object> incidentAssessment(@Argument Map<String, Object> input) {
		@SuppressWarnings("unchecked")
		List<String> ciIds = (List<String>) input.get("ciIds");
		check(ciIds, null, null);
		ImpactService.IncidentResult r = impact.assessIncident(ciIds, properties.timeout());
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("priority", r.priority().priority());
		out.put("impact", r.priority().impact());
		out.put("urgency", r.priority().urgency());
		out.put("impactedServices", r.services());
		out.put("probableCauses", r.correlation().causes());
		out.put("groups", r.correlation().symptoms().entrySet().stream()
			.map(e -> Map.<String, Object>of("cause", e.getKey(), "symptoms", e.getValue())).toList());
		out.put("assignmentGroup", r.assignmentGroup());
		out.put("reasons", r.reasons());
		return out;
	}

	@SchemaMapping(typeName = "IncidentAssessment")
	CompletableFuture<List<CiView>> probableCauses(Map<String, Object> a, DataLoader<String, CiView> ci) {
		@SuppressWarnings("unchecked")
		List<String> ids = (List<String>) a.get("probableCauses");
		return ci.loadMany(ids);
	}

	@SchemaMapping(typeName = "AlertGroup")
	CompletableFuture<CiView> cause(Map<String, Object> g, DataLoader<String, CiView> ci) {
		return ci.load((String) g.get("cause"));
	}

	@SchemaMapping(typeName = "AlertGroup")
	CompletableFuture<List<CiView>> symptoms(Map<String, Object> g, DataLoader<String, CiView> ci) {
		@SuppressWarnings("unchecked")
		List<String> ids = (List<String>) g.get("symptoms");
		return ci.loadMany(ids);
	}

	@MutationMapping
	ImpactService.RegisteredChange registerChange(@Argument Map<String, Object> input) {
		String ticket = (String) input.get("ticketId");
		if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
			throw AdminController.error("INVALID_ARGUMENT", "ticketId must be 1-100 characters");
		}
		@SuppressWarnings("unchecked")
		List<String> ciIds = (List<String>) input.get("ciIds");
		check(ciIds, null, null);
		try {
			return impact.registerChange(ticket, ciIds, (Instant) input.get("plannedStart"),
					(Instant) input.get("plannedEnd"), (String) input.get("summary"), properties.timeout());
		}
		catch (IllegalArgumentException ex) {
			throw AdminController.error("INVALID_ARGUMENT", ex.getMessage());
		}
	}

	@QueryMapping
	List<ImpactService.RegisteredChange> registeredChanges(@Argument Instant from, @Argument Instant to) {
		return impact.registeredChanges(from, to);
	}

}
