package org.fedcmdb.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import graphql.GraphQLContext;
import graphql.GraphqlErrorException;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.CiView;
import org.fedcmdb.graph.Json;
import org.fedcmdb.impact.ImpactService;
import org.fedcmdb.security.Principal;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Incidents, alerts and hotspots over GraphQL (READ), and the responder's actions (RESPONDER). */
@Controller
class IncidentGraphQlController {

	static final int MAX_PAGE = 500;

	private final IncidentStore store;

	private final IncidentActions actions;

	private final CiReadService reads;

	private final ImpactService impact;

	private final IncidentProperties properties;

	private final Problems problems;

	IncidentGraphQlController(IncidentStore store, IncidentActions actions, CiReadService reads, ImpactService impact,
			IncidentProperties properties, Problems problems) {
		this.problems = problems;
		this.store = store;
		this.actions = actions;
		this.reads = reads;
		this.impact = impact;
		this.properties = properties;
	}

	@QueryMapping
	Map<String, Object> incidents(@Argument String status, @Argument String priority, @Argument String service,
			@Argument Integer first, @Argument String after) {
		int n = Math.max(0, Math.min(first == null ? 50 : first, MAX_PAGE));
		Long before = null;
		if (after != null) {
			try {
				before = Long.parseLong(after);
			}
			catch (NumberFormatException ex) {
				throw coded("INVALID_CURSOR", "after is the endCursor of an earlier page");
			}
		}
		String serviceId = service == null ? null : reads.resolve(List.of(service)).getOrDefault(service, service);
		List<IncidentRecord> page = store.page(status, priority, serviceId, before, n + 1);
		boolean more = page.size() > n;
		List<IncidentRecord> nodes = more ? page.subList(0, n) : page;
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("nodes", nodes.stream().map(IncidentGraphQlController::view).toList());
		out.put("endCursor", nodes.isEmpty() ? null : String.valueOf(nodes.get(nodes.size() - 1).number));
		out.put("hasNextPage", more);
		return out;
	}

	@QueryMapping
	Map<String, Object> incident(@Argument String id) {
		IncidentRecord i = store.get(id);
		return i == null ? null : view(i);
	}

	@QueryMapping
	List<Map<String, Object>> unmappedAlerts(@Argument Integer first) {
		return store.unmapped(Math.max(0, Math.min(first == null ? 50 : first, MAX_PAGE))).stream()
			.map(IncidentGraphQlController::alertView).toList();
	}

	@QueryMapping
	Map<String, Object> alertCounts() {
		Map<String, Long> c = store.alertCounts();
		return Map.of("mappedFiring", c.getOrDefault("MAPPED_FIRING", 0L), "mappedResolved",
				c.getOrDefault("MAPPED_RESOLVED", 0L), "unmappedFiring", c.getOrDefault("UNMAPPED_FIRING", 0L),
				"unmappedResolved", c.getOrDefault("UNMAPPED_RESOLVED", 0L));
	}

	@QueryMapping
	List<Map<String, Object>> hotspots(@Argument Instant since, @Argument Integer first) {
		long from = since == null ? System.currentTimeMillis() - 30L * 24 * 3600 * 1000 : since.toEpochMilli();
		List<Map<String, Object>> out = new ArrayList<>();
		for (Map<String, Object> h : store.hotspots(from, Math.max(0, Math.min(first == null ? 20 : first, MAX_PAGE)))) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("ciId", h.get("ciId"));
			long count = ((Number) h.get("incidents")).longValue();
			m.put("incidents", count);
			m.put("mttrSeconds", h.get("mttrMs") instanceof Number ms ? ms.doubleValue() / 1000 : null);
			m.put("lastIncidentAt", h.get("lastAt"));
			m.put("problemCandidate", count >= properties.problemThreshold());
			m.put("incidentIds", h.get("ids"));
			out.add(m);
		}
		return out;
	}

	@SchemaMapping(typeName = "Hotspot", field = "ci")
	CiView hotspotCi(Map<String, Object> hotspot) {
		return ciOf((String) hotspot.get("ciId"));
	}

	@MutationMapping
	Map<String, Object> acknowledgeIncident(@Argument String id, @Argument String comment, GraphQLContext ctx) {
		return view(run(() -> actions.acknowledge(id, caller(ctx), comment)));
	}

	@MutationMapping
	Map<String, Object> resolveIncident(@Argument String id, @Argument String comment, GraphQLContext ctx) {
		return view(run(() -> actions.resolve(id, caller(ctx), comment)));
	}

	@MutationMapping
	Map<String, Object> linkIncident(@Argument String id, @Argument String problemId, GraphQLContext ctx) {
		return view(run(() -> actions.link(id, problemId, caller(ctx))));
	}

	@SchemaMapping(typeName = "Incident")
	List<Map<String, Object>> knownErrors(Map<String, Object> incident) {
		String cause = (String) incident.get("causeId");
		return cause == null ? List.of() : problems.knownErrors(List.of(cause));
	}

	@SchemaMapping(typeName = "Incident")
	Map<String, Object> problem(Map<String, Object> incident) {
		String id = (String) incident.get("problemId");
		return id == null ? null : problems.get(id);
	}

	@SchemaMapping(typeName = "Incident")
	CiView probableCause(Map<String, Object> incident) {
		return ciOf((String) incident.get("causeId"));
	}

	@SchemaMapping(typeName = "Incident")
	List<CiView> cis(Map<String, Object> incident) {
		return cisOf(IncidentStore.strings(incident.get("alertCis")));
	}

	@SchemaMapping(typeName = "Incident")
	List<Map<String, Object>> alerts(Map<String, Object> incident, @Argument Integer first) {
		return store.alertsOf((String) incident.get("id"), Math.max(0, Math.min(first == null ? 100 : first, 10_000)))
			.stream().map(IncidentGraphQlController::alertView).toList();
	}

	@SchemaMapping(typeName = "IncidentService", field = "ci")
	CiView serviceCi(Map<String, Object> service) {
		return ciOf((String) service.get("ciId"));
	}

	@SchemaMapping(typeName = "Alert", field = "cis")
	List<CiView> alertCis(Map<String, Object> alert) {
		return cisOf(IncidentStore.strings(alert.get("ciIds")));
	}

	/**
	 * "What changed?": registered changes touching the cause or its neighbours, and the history of the cause and the
	 * CIs within {@code what-changed-depth} hops either way, in the window before the incident opened.
	 */
	@SchemaMapping(typeName = "Incident")
	Map<String, Object> recentChanges(Map<String, Object> incident) {
		long opened = ((Instant) incident.get("openedAt")).toEpochMilli();
		long from = opened - properties.whatChangedWindow().toMillis();
		String cause = (String) incident.get("causeId");
		Set<String> near = new LinkedHashSet<>();
		if (cause != null) {
			near.add(cause);
			near.addAll(IncidentStore.strings(incident.get("alertCis")).stream().limit(50).toList());
			for (var dir : org.fedcmdb.impact.ImpactQuery.Direction.values()) {
				impact.blastRadius(new org.fedcmdb.impact.ImpactQuery(List.of(cause), dir, properties.whatChangedDepth(), null,
						true, 200), java.time.Duration.ofSeconds(5)).impacted().forEach(i -> near.add(i.ciId()));
			}
		}
		List<ImpactService.RegisteredChange> changes = impact.registeredChanges(Instant.ofEpochMilli(from),
				Instant.ofEpochMilli(opened)).stream().filter(c -> c.ciIds().stream().anyMatch(near::contains)).toList();
		List<org.fedcmdb.graph.HistoryEntry> history = store.history(List.copyOf(near), from, opened, 200);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("from", Instant.ofEpochMilli(from));
		out.put("to", Instant.ofEpochMilli(opened));
		out.put("registeredChanges", changes);
		out.put("history", history);
		return out;
	}

	private CiView ciOf(String id) {
		if (id == null) {
			return null;
		}
		String resolved = reads.resolve(List.of(id)).get(id);
		return resolved == null ? null : reads.byIds(List.of(resolved)).get(resolved);
	}

	private List<CiView> cisOf(List<String> ids) {
		return cisOf(reads, ids);
	}

	/** The CIs with these ids (a merged one as its survivor), each once, in order. */
	static List<CiView> cisOf(CiReadService reads, List<String> ids) {
		Map<String, String> resolved = reads.resolve(ids);
		Map<String, CiView> views = reads.byIds(new LinkedHashSet<>(resolved.values()));
		return new LinkedHashSet<>(resolved.values()).stream().map(views::get).filter(v -> v != null).toList();
	}

	static Map<String, Object> view(IncidentRecord i) {
		Map<String, Object> m = new LinkedHashMap<>(i.toRow());
		m.put("openedAt", Instant.ofEpochMilli(i.openedAt));
		m.put("updatedAt", Instant.ofEpochMilli(i.updatedAt));
		m.put("resolvedAt", i.resolvedAt == null ? null : Instant.ofEpochMilli(i.resolvedAt));
		m.put("acknowledgedAt", i.acknowledgedAt == null ? null : Instant.ofEpochMilli(i.acknowledgedAt));
		m.put("impactedServices", i.services);
		m.put("timeline", i.timeline);
		m.put("title", i.title == null ? "" : i.title);
		return m;
	}

	static Map<String, Object> alertView(Map<String, Object> a) {
		Map<String, Object> m = new LinkedHashMap<>(a);
		m.put("labels", Json.readMap((String) a.get("labels")));
		m.put("annotations", Json.readMap((String) a.get("annotations")));
		return m;
	}

	static String caller(GraphQLContext ctx) {
		Object p = ctx.get(Principal.ATTRIBUTE);
		return p instanceof Principal pr ? pr.name() : Principal.UNRESTRICTED.name();
	}

	static <T> T run(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (AlertException ex) {
			throw coded(ex.code(), ex.getMessage());
		}
	}

	private static GraphqlErrorException coded(String code, String message) {
		return GraphqlErrorException.newErrorException().message(message).extensions(Map.of("code", code)).build();
	}

}
