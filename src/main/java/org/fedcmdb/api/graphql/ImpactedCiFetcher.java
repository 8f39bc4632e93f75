package org.fedcmdb.api.graphql;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

import graphql.GraphQLContext;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
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
		return wiring -> wiring.type("ImpactedCI", type -> type.dataFetcher("ci", fetcher(asOf)));
	}

	static DataFetcher<CompletableFuture<CiView>> fetcher(AsOfContext asOf) {
		return env -> {
			BlastRadius.Impacted i = env.getSource();
			if (summaryOnly(env)) {
				return CompletableFuture.completedFuture(
						CiView.summary(i.ciId(), i.className(), i.name(), i.status(), i.criticality()));
			}
			DataLoader<String, CiView> loader = env.getDataLoader("ci");
			return asOf.ci(i.ciId(), instant(env), loader);
		};
	}

	private static boolean summaryOnly(DataFetchingEnvironment env) {
		return env.getSelectionSet().getImmediateFields().stream().allMatch(f -> SUMMARY_FIELDS.contains(f.getName()));
	}

	private static Long instant(DataFetchingEnvironment env) {
		return env.getLocalContext() instanceof GraphQLContext c ? c.get(AsOfContext.KEY) : null;
	}

}
