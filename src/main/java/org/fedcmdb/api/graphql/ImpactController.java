package org.fedcmdb.api.graphql;

import graphql.schema.DataFetchingFieldSelectionSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.CiView;
import org.fedcmdb.impact.BlastRadius;
import org.fedcmdb.impact.ImpactQuery;
import org.fedcmdb.impact.ImpactService;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.LocalContextValue;
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

	private final AsOfContext asOf;

	ImpactController(ImpactService impact, ApiProperties properties, CiReadService reads, AsOfContext asOf) {
		this.asOf = asOf;
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
	CompletableFuture<List<CiView>> origins(BlastRadiusView v, DataLoader<String, CiView> ci,
			@LocalContextValue(name = AsOfContext.KEY, required = false) Long asOf) {
		return this.asOf.cis(v.startIds(), asOf, ci);
	}

	/** Every relationship among the start and impacted CIs, of the traversed types: the graph to draw, not only its tree. */
	@SchemaMapping(typeName = "BlastRadius")
	List<ImpactEdge> edges(BlastRadiusView v, @LocalContextValue(name = AsOfContext.KEY, required = false) Long asOf) {
		List<String> ids = new java.util.ArrayList<>(v.startIds());
		v.impacted().forEach(i -> ids.add(i.ciId()));
		if (asOf != null) {
			return this.asOf.reads().edgesAmong(ids, v.types(), asOf).stream()
				.map(e -> new ImpactEdge(e.from(), e.to(), e.type())).toList();
		}
		return reads.edgesAmong(ids, v.types()).stream().map(e -> new ImpactEdge(e.from(), e.to(), e.type())).toList();
	}

	@QueryMapping
	Object blastRadius(@Argument List<String> ciIds, @Argument String direction, @Argument Integer maxDepth,
			@Argument List<String> relationshipTypes, @Argument Boolean includeRetired, @Argument Integer limit,
			@Argument Instant asOf, DataFetchingFieldSelectionSet selection) {
		check(ciIds, maxDepth, limit);
		Long t = this.asOf.instant(asOf);
		ImpactQuery q = new ImpactQuery(ciIds, ImpactQuery.Direction.valueOf(direction == null ? "UPSTREAM" : direction),
				maxDepth, relationshipTypes, Boolean.TRUE.equals(includeRetired),
				limit == null ? impact.defaultLimit() : limit, t);
		return this.asOf.result(BlastRadiusView.of(impact.blastRadius(q, properties.timeout()), relationshipTypes), t,
				ImpactedCiFetcher.summaryOnly(selection));
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

	/** An incident's blast radius as the graph was when it opened: its alerting CIs, upstream. */
	@SchemaMapping(typeName = "Incident")
	Object blastRadiusAtStart(Map<String, Object> incident, @Argument Integer maxDepth, @Argument Integer limit,
			DataFetchingFieldSelectionSet selection) {
		@SuppressWarnings("unchecked")
		List<String> ids = List.copyOf(new java.util.LinkedHashSet<>((List<String>) incident.get("alertCis")));
		if (ids.isEmpty()) {
			ids = List.of("(none)");
		}
		check(ids, maxDepth, limit);
		long opened = ((Instant) incident.get("openedAt")).toEpochMilli();
		ImpactQuery q = new ImpactQuery(ids, ImpactQuery.Direction.UPSTREAM, maxDepth, null, false,
				limit == null ? impact.defaultLimit() : limit, opened);
		return this.asOf.result(BlastRadiusView.of(impact.blastRadius(q, properties.timeout()), null), opened,
				ImpactedCiFetcher.summaryOnly(selection));
	}

	@SchemaMapping(typeName = "ClassCount", field = "class")
	String countClass(Map<String, Object> count) {
		return (String) count.get("class");
	}

	@SchemaMapping(typeName = "ImpactedCI")
	CompletableFuture<List<CiView>> path(BlastRadius.Impacted i, DataLoader<String, CiView> ci,
			@LocalContextValue(name = AsOfContext.KEY, required = false) Long asOf) {
		return this.asOf.cis(i.path(), asOf, ci);
	}

	@QueryMapping
	Object changeAssessment(@Argument Map<String, Object> input, @Argument Instant asOf) {
		@SuppressWarnings("unchecked")
		List<String> ciIds = (List<String>) input.get("ciIds");
		Integer maxDepth = (Integer) input.get("maxDepth");
		check(ciIds, maxDepth, null);
		Long t = this.asOf.instant(asOf);
		ImpactService.ChangeResult r = impact.assessChange(ciIds, (Instant) input.get("plannedStart"),
				(Instant) input.get("plannedEnd"), maxDepth, properties.timeout(), t);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("blastRadius", BlastRadiusView.of(r.blastRadius(), null));
		out.put("risk", r.assessment().risk().name());
		out.put("recommendedChangeType", r.assessment().changeType());
		out.put("reasons", r.assessment().reasons());
		out.put("conflicts", r.conflicts());
		out.put("blackouts", r.blackouts());
		return this.asOf.result(out, t);
	}

	@QueryMapping
	Object incidentAssessment(@Argument Map<String, Object> input, @Argument Instant asOf) {
		@SuppressWarnings("unchecked")
		List<String> ciIds = (List<String>) input.get("ciIds");
		check(ciIds, null, null);
		Long t = this.asOf.instant(asOf);
		ImpactService.IncidentResult r = impact.assessIncident(ciIds, properties.timeout(), t);
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
		return this.asOf.result(out, t);
	}

	@SchemaMapping(typeName = "IncidentAssessment")
	CompletableFuture<List<CiView>> probableCauses(Map<String, Object> a, DataLoader<String, CiView> ci,
			@LocalContextValue(name = AsOfContext.KEY, required = false) Long asOf) {
		@SuppressWarnings("unchecked")
		List<String> ids = (List<String>) a.get("probableCauses");
		return this.asOf.cis(ids, asOf, ci);
	}

	@SchemaMapping(typeName = "AlertGroup")
	CompletableFuture<CiView> cause(Map<String, Object> g, DataLoader<String, CiView> ci,
			@LocalContextValue(name = AsOfContext.KEY, required = false) Long asOf) {
		return this.asOf.ci((String) g.get("cause"), asOf, ci);
	}

	@SchemaMapping(typeName = "AlertGroup")
	CompletableFuture<List<CiView>> symptoms(Map<String, Object> g, DataLoader<String, CiView> ci,
			@LocalContextValue(name = AsOfContext.KEY, required = false) Long asOf) {
		@SuppressWarnings("unchecked")
		List<String> ids = (List<String>) g.get("symptoms");
		return this.asOf.cis(ids, asOf, ci);
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
