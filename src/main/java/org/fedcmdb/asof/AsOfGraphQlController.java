package org.fedcmdb.asof;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.fedcmdb.impact.ImpactQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** GraphQL {@code graphDiff(from, to, scope, first)}. */
@Controller
class AsOfGraphQlController {

	private final GraphDiffs diffs;

	private final Instants instants;

	private final Duration timeout;

	private final int maxPageSize;

	AsOfGraphQlController(GraphDiffs diffs, Instants instants, @Value("${fedcmdb.api.timeout:10s}") Duration timeout,
			@Value("${fedcmdb.api.max-page-size:500}") int maxPageSize) {
		this.diffs = diffs;
		this.instants = instants;
		this.timeout = timeout;
		this.maxPageSize = maxPageSize;
	}

	@QueryMapping
	GraphDiffs.Diff graphDiff(@Argument Instant from, @Argument Instant to, @Argument Map<String, Object> scope,
			@Argument Integer first) {
		long f = instants.check(from);
		long t = to == null ? instants.now() : instants.check(to);
		return diffs.diff(f, t, scope(scope), limit(first == null ? 500 : first), timeout);
	}

	@SuppressWarnings("unchecked")
	private static GraphDiffs.Scope scope(Map<String, Object> s) {
		Integer maxDepth = (Integer) s.get("maxDepth");
		if (maxDepth != null && maxDepth < 0) {
			throw new AsOfException("INVALID_ARGUMENT", "scope.maxDepth must be 0 or more");
		}
		String direction = (String) s.get("direction");
		return new GraphDiffs.Scope((List<String>) s.get("ciIds"),
				ImpactQuery.Direction.valueOf(direction == null ? "UPSTREAM" : direction), maxDepth,
				(String) s.get("class"), (String) s.get("source"));
	}

	@SchemaMapping(typeName = "ChangeRequest")
	GraphDiffs.Diff changesSinceApproval(Map<String, Object> change, @Argument Integer first) {
		Object decided = change.get("decidedAt");
		if (!(decided instanceof Instant at) || "REJECTED".equals(change.get("status"))) {
			return null;
		}
		instants.check(at);
		@SuppressWarnings("unchecked")
		List<String> ids = (List<String>) change.get("ciIds");
		long now = instants.now();
		if (ids == null || ids.isEmpty() || at.toEpochMilli() >= now) {
			return null;
		}
		return diffs.diff(at.toEpochMilli(), now, new GraphDiffs.Scope(ids, ImpactQuery.Direction.UPSTREAM, null, null, null),
				limit(first), timeout);
	}

	@SchemaMapping(typeName = "Incident")
	GraphDiffs.Diff changesBeforeStart(Map<String, Object> incident, @Argument Integer hours, @Argument Integer first) {
		int h = hours == null ? 24 : hours;
		if (h < 1 || h > 24 * 90) {
			throw new AsOfException("INVALID_ARGUMENT", "hours must be between 1 and " + 24 * 90);
		}
		long opened = instants.check((Instant) incident.get("openedAt"));
		instants.check(Instant.ofEpochMilli(opened).minus(Duration.ofHours(h)));
		@SuppressWarnings("unchecked")
		List<String> ids = List.copyOf(new java.util.LinkedHashSet<>((List<String>) incident.get("alertCis")));
		return diffs.diff(opened - Duration.ofHours(h).toMillis(), opened,
				new GraphDiffs.Scope(ids, ImpactQuery.Direction.UPSTREAM, null, null, null), limit(first), timeout);
	}

	private int limit(Integer first) {
		int n = first == null ? 100 : first;
		if (n < 0 || n > maxPageSize) {
			throw new AsOfException("PAGE_SIZE_EXCEEDED", "first must be between 0 and " + maxPageSize);
		}
		return n;
	}

	@SchemaMapping(typeName = "DiffCI", field = "class")
	String className(GraphDiffs.CiChange c) {
		return c.className();
	}

}
