package org.fedcmdb.changes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import graphql.GraphQLContext;
import graphql.GraphqlErrorException;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.CiView;
import org.fedcmdb.graph.Json;
import org.fedcmdb.idempotency.IdempotencyException;
import org.fedcmdb.incidents.IncidentQueries;
import org.fedcmdb.security.Principal;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The change gate over GraphQL: requests (INGEST), CAB decisions and reviews (CHANGE_APPROVER), reads (READ). */
@Controller
class ChangeGraphQlController {

	static final int MAX_PAGE = 500;

	private final ChangeGate gate;

	private final ChangeLifecycle lifecycle;

	private final ChangeStore store;

	private final CiReadService reads;

	private final IncidentQueries incidents;

	private final ChangeProperties properties;

	ChangeGraphQlController(ChangeGate gate, ChangeLifecycle lifecycle, ChangeStore store, CiReadService reads,
			IncidentQueries incidents, ChangeProperties properties) {
		this.gate = gate;
		this.lifecycle = lifecycle;
		this.store = store;
		this.reads = reads;
		this.incidents = incidents;
		this.properties = properties;
	}

	@QueryMapping
	Map<String, Object> change(@Argument String id) {
		ChangeRecord c = store.get(id);
		return c == null ? null : ChangeViews.view(c);
	}

	@QueryMapping
	Map<String, Object> changes(@Argument String status, @Argument Integer first, @Argument String after) {
		int n = Math.max(0, Math.min(first == null ? 50 : first, MAX_PAGE));
		Long before;
		try {
			before = after == null ? null : Long.parseLong(after);
		}
		catch (NumberFormatException ex) {
			throw coded("INVALID_CURSOR", "after is the endCursor of an earlier page");
		}
		List<ChangeRecord> page = store.page(status, null, before, n + 1);
		boolean more = page.size() > n;
		List<ChangeRecord> nodes = more ? page.subList(0, n) : page;
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("nodes", nodes.stream().map(ChangeViews::view).toList());
		out.put("endCursor", nodes.isEmpty() ? null : String.valueOf(nodes.get(nodes.size() - 1).number));
		out.put("hasNextPage", more);
		return out;
	}

	@QueryMapping
	List<Map<String, Object>> changesAwaitingReview(@Argument Integer first) {
		return store.page(null, true, null, Math.max(0, Math.min(first == null ? 50 : first, MAX_PAGE))).stream()
			.map(ChangeViews::view).toList();
	}

	@QueryMapping
	List<Map<String, Object>> changeSuccessRate(@Argument String by, @Argument Instant since) {
		long from = since == null ? System.currentTimeMillis() - 30L * 24 * 3600 * 1000 : since.toEpochMilli();
		List<Map<String, Object>> out = new ArrayList<>();
		for (Map<String, Object> r : store.success(by, from)) {
			long completed = ((Number) r.get("completed")).longValue();
			long ok = ((Number) r.get("successful")).longValue();
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("key", r.get("key"));
			m.put("completed", completed);
			m.put("successful", ok);
			m.put("failed", completed - ok);
			m.put("rate", completed == 0 ? 0.0 : (double) ok / completed);
			out.add(m);
		}
		return out;
	}

	@QueryMapping
	List<Map<String, Object>> changeModels() {
		return gate.models().models().stream().map(m -> {
			Map<String, Object> v = new LinkedHashMap<>();
			v.put("name", m.name());
			v.put("description", m.description());
			v.put("classes", m.classes());
			v.put("environments", m.environments());
			v.put("maxRisk", m.maxRisk());
			v.put("maxServiceCriticality", m.maxServiceCriticality());
			v.put("maxBlastRadius", m.maxBlastRadius());
			v.put("leadTime", m.leadTime() == null ? null : m.leadTime().toString());
			return v;
		}).toList();
	}

	@MutationMapping
	Map<String, Object> requestChange(@Argument Map<String, Object> input, GraphQLContext ctx) {
		Map<String, Object> in = new LinkedHashMap<>(input);
		in.put("plannedStart", input.get("plannedStart") == null ? null : input.get("plannedStart").toString());
		in.put("plannedEnd", input.get("plannedEnd") == null ? null : input.get("plannedEnd").toString());
		return run(() -> ChangeViews.view(gate.request(ChangeController.input(in), caller(ctx))));
	}

	@MutationMapping
	Map<String, Object> approveChange(@Argument String id, @Argument String comment, GraphQLContext ctx) {
		return run(() -> ChangeViews.view(lifecycle.approve(id, caller(ctx), comment)));
	}

	@MutationMapping
	Map<String, Object> rejectChange(@Argument String id, @Argument String comment, GraphQLContext ctx) {
		return run(() -> ChangeViews.view(lifecycle.reject(id, caller(ctx), comment)));
	}

	@MutationMapping
	Map<String, Object> reviewChange(@Argument String id, @Argument String comment, GraphQLContext ctx) {
		return run(() -> ChangeViews.view(lifecycle.review(id, caller(ctx), comment)));
	}

	@SchemaMapping(typeName = "ChangeRequest", field = "targets")
	List<CiView> targets(Map<String, Object> change) {
		@SuppressWarnings("unchecked")
		List<String> ids = (List<String>) change.get("ciIds");
		Map<String, CiView> views = reads.byIds(ids);
		return ids.stream().map(views::get).filter(v -> v != null).toList();
	}

	@SchemaMapping(typeName = "ChangeRequest", field = "impactedServices")
	Object impactedServices(Map<String, Object> change) {
		return change.get("services");
	}

	@SchemaMapping(typeName = "ChangeService", field = "ci")
	CiView serviceCi(Map<String, Object> service) {
		String id = (String) service.get("ciId");
		return id == null ? null : reads.byIds(List.of(id)).get(id);
	}

	@SchemaMapping(typeName = "ChangeRequest", field = "possiblyCausedIncidents")
	List<Map<String, Object>> possiblyCausedIncidents(Map<String, Object> change) {
		if (change.get("completedAt") == null) {
			return List.of();
		}
		long done = ((Instant) change.get("completedAt")).toEpochMilli();
		@SuppressWarnings("unchecked")
		List<String> footprint = (List<String>) change.get("footprint");
		return incidents.openedOn(footprint, done, done + properties.changeCausedWindow().toMillis()).stream()
			.map(ChangeGraphQlController::link).toList();
	}

	/** On the incidents' type: the changes completed on its CIs in the 24 h before it opened. */
	@SchemaMapping(typeName = "Incident", field = "possibleChanges")
	List<Map<String, Object>> possibleChanges(Map<String, Object> incident) {
		long opened = ((Instant) incident.get("openedAt")).toEpochMilli();
		List<String> ids = new ArrayList<>(new LinkedHashSet<>(strings(incident.get("alertCis"))));
		if (incident.get("causeId") instanceof String cause) {
			ids.add(cause);
		}
		return store.completedBetweenOn(ids, opened - properties.changeCausedWindow().toMillis(), opened).stream()
			.map(ChangeViews::view).toList();
	}

	private static Map<String, Object> link(IncidentQueries.IncidentRef r) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", r.id());
		m.put("priority", r.priority());
		m.put("title", r.title());
		m.put("openedAt", Instant.ofEpochMilli(r.openedAt()));
		m.put("ciIds", r.ciIds());
		return m;
	}

	private static List<String> strings(Object o) {
		List<String> out = new ArrayList<>();
		if (o instanceof List<?> l) {
			l.forEach(x -> out.add(String.valueOf(x)));
		}
		return out;
	}

	private static String caller(GraphQLContext ctx) {
		Object p = ctx.get(Principal.ATTRIBUTE);
		return p instanceof Principal pr ? pr.name() : Principal.UNRESTRICTED.name();
	}

	private static <T> T run(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (ChangeException ex) {
			throw coded(ex.code(), ex.getMessage());
		}
		catch (IdempotencyException ex) {
			throw coded(ex.code(), ex.getMessage());
		}
	}

	private static GraphqlErrorException coded(String code, String message) {
		return GraphqlErrorException.newErrorException().message(message).extensions(Map.of("code", code)).build();
	}

}
