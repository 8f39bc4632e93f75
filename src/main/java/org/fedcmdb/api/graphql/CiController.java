package org.fedcmdb.api.graphql;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import graphql.GraphqlErrorException;
import org.dataloader.DataLoader;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.CiView;
import org.fedcmdb.graph.SourceAssertion;
import org.fedcmdb.graph.Json;
import org.fedcmdb.reconciliation.Reconciler;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.LocalContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** CI look-ups: one CI, filtered pages, relationships (batch-loaded), identifiers and provenance; history and classes in {@link HistoryAndClassesController}. */
@Controller
class CiController {

	private final CiReadService reads;

	private final ClassCatalogue catalogue;

	private final ApiProperties properties;

	private final Reconciler reconciler;

	private final CiFilters filters;

	private final AsOfContext asOf;

	CiController(CiReadService reads, ClassCatalogue catalogue, ApiProperties properties, Reconciler reconciler,
			CiFilters filters, BatchLoaderRegistry registry, AsOfContext asOf) {
		this.asOf = asOf;
		this.filters = filters;
		this.reconciler = reconciler;
		this.reads = reads;
		this.catalogue = catalogue;
		this.properties = properties;
		registry.forTypePair(String.class, CiView.class).withName("ci")
			.registerMappedBatchLoader((ids, env) -> Mono.fromCallable(() -> reads.byIds(ids)));
		registry.forTypePair(RelKey.class, List.class).withName("relationships")
			.registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> {
				Map<RelKey, List> out = new LinkedHashMap<>(loadRelationships(keys));
				return out;
			}));
	}

	/** The relationships of one CI with one set of arguments: the batch loader's key. */
	record RelKey(String ciId, String direction, List<String> types, int first) {
	}

	record RelationshipView(String type, String direction, String otherId, List<String> sources, Long since, Long until) {
	}

	record IdentifierView(String key, List<String> values) {
	}

	record Edge(CiView node, String cursor) {
	}

	record PageInfo(boolean hasNextPage, String endCursor, boolean hasPreviousPage, String startCursor) {
	}

	record Connection(List<Edge> edges, PageInfo pageInfo, CiReadService.Filter filter, Long asOf) {
	}

	@QueryMapping
	Object ci(@Argument String id, @Argument Instant asOf) {
		Long t = this.asOf.instant(asOf);
		if (t != null) {
			return this.asOf.result(this.asOf.reads().ci(id, t).orElse(null), t);
		}
		String resolved = reads.resolve(List.of(id)).get(id);
		return resolved == null ? null : reads.byIds(List.of(resolved)).get(resolved);
	}

	@QueryMapping
	Object cis(@Argument Map<String, Object> filter, @Argument Integer first, @Argument String after,
			@Argument Instant asOf) {
		Long t = this.asOf.instant(asOf);
		int size = first == null ? 50 : first;
		if (size < 0 || size > properties.maxPageSize()) {
			throw GraphqlErrorException.newErrorException()
				.message("first must be between 0 and " + properties.maxPageSize())
				.extensions(Map.of("code", "PAGE_SIZE_EXCEEDED", "max", properties.maxPageSize()))
				.build();
		}
		CiReadService.Filter f = filters.of(filter);
		String afterId = decode(after);
		List<CiView> page = t == null ? reads.page(f, afterId, size + 1) : this.asOf.reads().page(f, afterId, size + 1, t);
		boolean more = page.size() > size;
		List<CiView> nodes = more ? page.subList(0, size) : page;
		List<Edge> edges = nodes.stream().map(n -> new Edge(n, encode(n.id()))).toList();
		PageInfo info = new PageInfo(more, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor(), after != null,
				edges.isEmpty() ? null : edges.get(0).cursor());
		return this.asOf.result(new Connection(edges, info, f, t), t);
	}

	/** The total of a page's filter, counted only when asked for (as of an instant it means reading the CIs then). */
	@SchemaMapping(typeName = "CIConnection")
	int totalCount(Connection c) {
		return c.asOf() == null ? reads.count(c.filter()) : asOf.reads().count(c.filter(), c.asOf());
	}

	static String encode(String id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("ci:" + id).getBytes(StandardCharsets.UTF_8));
	}

	static String decode(String cursor) {
		if (cursor == null) {
			return null;
		}
		try {
			String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (s.startsWith("ci:")) {
				return s.substring(3);
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through
		}
		throw GraphqlErrorException.newErrorException().message("Invalid cursor").extensions(Map.of("code",
				"INVALID_CURSOR")).build();
	}

	@SchemaMapping(typeName = "CI")
	List<IdentifierView> identifiers(CiView ci) {
		return ci.identifiers().entrySet().stream().map(e -> new IdentifierView(e.getKey(), e.getValue())).toList();
	}

	@SchemaMapping(typeName = "CI")
	List<Map<String, Object>> provenance(CiView ci, @Argument String attribute) {
		List<SourceAssertion> assertions = reads.assertions(List.of(ci.id())).getOrDefault(ci.id(), List.of());
		long now = System.currentTimeMillis();
		List<Map<String, Object>> out = new ArrayList<>();
		ci.provenance().forEach((attr, p) -> {
			if (attribute != null && !attribute.equals(attr)) {
				return;
			}
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("attribute", attr);
			m.put("value", ci.attributes().get(attr));
			m.put("source", p.get(0));
			m.put("observedAt", p.get(1));
			m.put("reason", p.get(2));
			m.put("rule", reconciler.describeRule(ancestry(ci), attr));
			List<Map<String, Object>> candidates = new ArrayList<>();
			for (SourceAssertion a : assertions) {
				SourceAssertion.Observed o = a.values().get(attr);
				if (o != null) {
					Map<String, Object> c = new LinkedHashMap<>(); // the value may be null
					c.put("source", a.source());
					c.put("value", o.value());
					c.put("observedAt", o.observedAt());
					c.put("stale", reconciler.isStale(a.source(), o.observedAt().toEpochMilli(), now));
					c.put("withdrawn", a.withdrawn());
					candidates.add(c);
				}
			}
			m.put("candidates", candidates);
			out.add(m);
		});
		return out;
	}

	private List<String> ancestry(CiView ci) {
		List<String> labels = new ArrayList<>(catalogue.get(ci.className()).labels());
		java.util.Collections.reverse(labels);
		return labels;
	}

	@SchemaMapping(typeName = "CI")
	CompletableFuture<List<RelationshipView>> relationships(CiView ci, @Argument String direction,
			@Argument List<String> types, @Argument Integer first, DataLoader<RelKey, List<RelationshipView>> relationships,
			@LocalContextValue(name = AsOfContext.KEY, required = false) Long asOf) {
		List<String> t = types == null || types.isEmpty() ? List.copyOf(ClassCatalogue.RELATIONSHIP_TYPES) : types;
		int n = first == null ? 100 : Math.max(0, Math.min(first, properties.maxPageSize()));
		String d = direction == null ? "OUTGOING" : direction;
		if (asOf != null) {
			return CompletableFuture.completedFuture(this.asOf.reads()
				.relationships(ci.id(), d.equals("OUTGOING"), d.equals("INCOMING"), t, n, asOf).stream()
				.map(r -> new RelationshipView(r.type(), r.direction(), r.otherId(), r.sources(), r.since(), r.until()))
				.toList());
		}
		return relationships.load(new RelKey(ci.id(), d, t, n));
	}

	private Map<RelKey, List<RelationshipView>> loadRelationships(Set<RelKey> keys) {
		Map<RelKey, List<RelationshipView>> out = new LinkedHashMap<>();
		Map<List<Object>, List<RelKey>> groups = new LinkedHashMap<>();
		keys.forEach(k -> groups.computeIfAbsent(List.of(k.direction(), k.types(), k.first()), g -> new ArrayList<>()).add(k));
		for (List<RelKey> group : groups.values()) {
			RelKey k0 = group.get(0);
			Map<String, List<CiReadService.Rel>> rels = reads.relationships(group.stream().map(RelKey::ciId).toList(),
					k0.direction().equals("OUTGOING"), k0.direction().equals("INCOMING"), k0.types(), k0.first());
			for (RelKey k : group) {
				out.put(k, rels.getOrDefault(k.ciId(), List.of()).stream()
					.map(r -> new RelationshipView(r.type(), r.direction(), r.otherId(), r.sources(), r.since(), null)).toList());
			}
		}
		return out;
	}

	@SchemaMapping(typeName = "Relationship")
	CompletableFuture<CiView> ci(RelationshipView rel, DataLoader<String, CiView> ci,
			@LocalContextValue(name = AsOfContext.KEY, required = false) Long asOf) {
		return this.asOf.ci(rel.otherId(), asOf, ci);
	}

	@BatchMapping(typeName = "CI")
	Map<CiView, List<String>> mergedIds(List<CiView> cis) {
		Map<String, List<String>> aliases = reads.aliases(cis.stream().map(CiView::id).toList());
		Map<CiView, List<String>> out = new LinkedHashMap<>();
		cis.forEach(c -> out.put(c, aliases.getOrDefault(c.id(), List.of())));
		return out;
	}

	@BatchMapping(typeName = "CI")
	Map<CiView, List<SourceAssertion>> sources(List<CiView> cis) {
		Map<String, List<SourceAssertion>> all = reads.assertions(cis.stream().map(CiView::id).toList());
		Map<CiView, List<SourceAssertion>> out = new LinkedHashMap<>();
		cis.forEach(c -> out.put(c, all.getOrDefault(c.id(), List.of())));
		return out;
	}

}
