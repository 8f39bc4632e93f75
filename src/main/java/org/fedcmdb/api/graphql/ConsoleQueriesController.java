package org.fedcmdb.api.graphql;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.GraphQLContext;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.security.Principal;
import org.fedcmdb.security.TokenService;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** What a client needs to shape itself around the caller and a search: who is asking, and facet counts. */
@Controller
class ConsoleQueriesController {

	private final CiReadService reads;

	private final CiFilters filters;

	ConsoleQueriesController(CiReadService reads, CiFilters filters) {
		this.reads = reads;
		this.filters = filters;
	}

	record Viewer(String name, List<String> roles, List<String> effectiveRoles, List<String> sources) {
	}

	record FacetCount(String value, int count) {
	}

	record Facets(int total, List<FacetCount> byClass, List<FacetCount> byStatus, List<FacetCount> bySource) {
	}

	@QueryMapping
	Viewer viewer(GraphQLContext ctx) {
		Principal p = ctx.get(Principal.ATTRIBUTE) instanceof Principal pr ? pr : Principal.UNRESTRICTED;
		Set<String> given = p.roles();
		List<String> roles = TokenService.ROLES.stream().filter(given::contains).toList();
		List<String> effective = TokenService.ROLES.stream().filter(p::has).toList();
		return new Viewer(p.name(), roles, effective, p.sources());
	}

	@QueryMapping
	Facets ciFacets(@Argument Map<String, Object> filter) {
		CiReadService.Facets f = reads.facets(filters.of(filter));
		return new Facets(f.total(), sorted(f.byClass()), sorted(f.byStatus()), sorted(f.bySource()));
	}

	private static List<FacetCount> sorted(Map<String, Integer> counts) {
		return counts.entrySet().stream().filter(e -> !e.getKey().isEmpty())
			.map(e -> new FacetCount(e.getKey(), e.getValue()))
			.sorted(Comparator.comparingInt(FacetCount::count).reversed().thenComparing(FacetCount::value))
			.toList();
	}

}
