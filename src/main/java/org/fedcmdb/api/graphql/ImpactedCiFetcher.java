package org.fedcmdb.api.graphql;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import graphql.GraphQLContext;
import graphql.TrivialDataFetcher;
import graphql.language.Field;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.dataloader.DataLoader;
import org.fedcmdb.graph.CiView;
import org.fedcmdb.impact.BlastRadius;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * {@code ImpactedCI.ci}, the field a blast radius resolves once per impacted CI: a plain data fetcher rather than an
 * annotated controller method, whose per-call argument resolution was 29% of a depth-3 request's time in the
 * benchmark's profile. A selection within what the traversal already read is answered from it; otherwise the CI is
 * batch-loaded (or read as of the answer's instant).
 */
@Configuration(proxyBeanMethods = false)
class ImpactedCiFetcher {

	/** What the traversal rows already carry; a selection within these is answered without loading the CI. */
	static final Set<String> SUMMARY_FIELDS = Set.of("id", "class", "name", "status", "criticality", "__typename");

	@Bean
	RuntimeWiringConfigurer impactedCiWiring(AsOfContext asOf) {
		return wiring -> wiring.type("ImpactedCI", type -> type.dataFetcher("ci", fetcher(asOf))
			.dataFetcher("depth", new SourceField<>("depth", BlastRadius.Impacted.class, BlastRadius.Impacted::depth))
			.dataFetcher("state", new SourceField<>("state", BlastRadius.Impacted.class, BlastRadius.Impacted::state)));
	}

	/**
	 * Marked trivial so that Spring GraphQL does not wrap it in its context-propagating decorator (a context snapshot
	 * captured and restored around every call: a fifth of a depth-3 request's time in the benchmark's profile). Nothing
	 * here reads a thread-bound context: the summary comes from the source, and the data loader's batch function is
	 * dispatched through Spring's registry, which propagates the context itself.
	 */
	static DataFetcher<Object> fetcher(AsOfContext asOf) {
		return (TrivialDataFetcher<Object>) env -> {
			BlastRadius.Impacted i = env.getSource();
			if (summaryOnly(env)) {
				return CiView.summary(i.ciId(), i.className(), i.name(), i.status(), i.criticality());
			}
			DataLoader<String, CiView> loader = env.getDataLoader("ci");
			return asOf.ci(i.ciId(), instant(env), loader);
		};
	}

	/**
	 * Whether the selection on the CI stays within the summary, decided once per request and field: every impacted CI
	 * of a list shares the same selection (the same AST fields, the same variables).
	 */
	private static boolean summaryOnly(DataFetchingEnvironment env) {
		if (env.getLocalContext() instanceof GraphQLContext c && c.get(SUMMARY_ONLY) instanceof Boolean decided) {
			return decided;
		}
		Map<List<Field>, Boolean> known = env.getGraphQlContext().computeIfAbsent(SUMMARY_KEY,
				k -> new ConcurrentHashMap<List<Field>, Boolean>());
		return known.computeIfAbsent(env.getMergedField().getFields(), k -> env.getSelectionSet().getImmediateFields()
			.stream().allMatch(f -> SUMMARY_FIELDS.contains(f.getName())));
	}

	/**
	 * A blast radius's local-context entry: whether its impacted CIs' {@code ci} selection stays within
	 * {@link #SUMMARY_FIELDS}, decided once by the field that answers the radius from its selection set ({@link
	 * #summaryOnly(DataFetchingFieldSelectionSet)}). Looking the answer up per impacted CI in the request's context was
	 * 15% of graphql-java's completion of a radius in the benchmark's profile. Without it (another field returning
	 * impacted CIs) the answer is decided per request and field as before.
	 */
	static final String SUMMARY_ONLY = "impactedCiSummaryOnly";

	/**
	 * Whether every field selected on a blast radius's impacted CIs, in both of its lists ({@code impacted} and
	 * {@code impactedServices}, under any alias), is one the traversal already read.
	 */
	static boolean summaryOnly(DataFetchingFieldSelectionSet selection) {
		return selection.getFields("impacted/ci/*", "impactedServices/ci/*").stream()
			.allMatch(f -> SUMMARY_FIELDS.contains(f.getName()));
	}

	/** The request context's entry holding {@link #summaryOnly}'s answers. */
	private static final String SUMMARY_KEY = ImpactedCiFetcher.class.getName() + ".summaryOnly";

	private static Long instant(DataFetchingEnvironment env) {
		return env.getLocalContext() instanceof GraphQLContext c ? c.get(AsOfContext.KEY) : null;
	}

}
