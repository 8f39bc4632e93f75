package org.fedcmdb.api.graphql;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.GraphQLContext;
import graphql.execution.DataFetcherResult;
import org.dataloader.DataLoader;
import org.fedcmdb.asof.AsOfReads;
import org.fedcmdb.asof.Instants;
import org.fedcmdb.graph.CiView;
import org.springframework.stereotype.Component;

/**
 * The instant of an as-of answer travels to its nested fields in GraphQL's local context (key {@value #KEY}): a CI's
 * relationships, a relationship's CI, an impacted CI and its path are read as of the same instant.
 */
@Component
class AsOfContext {

	static final String KEY = "asOf";

	private final AsOfReads reads;

	private final Instants instants;

	AsOfContext(AsOfReads reads, Instants instants) {
		this.reads = reads;
		this.instants = instants;
	}

	/** Epoch milliseconds of a valid instant, null for now; AS_OF_IN_FUTURE, AS_OF_BEYOND_RETENTION. */
	Long instant(Instant asOf) {
		return instants.check(asOf);
	}

	/** The answer, with the instant for its nested fields (none for now). */
	<T> Object result(T data, Long asOf) {
		if (asOf == null) {
			return data;
		}
		return DataFetcherResult.<T>newResult().data(data).localContext(GraphQLContext.of(Map.of(KEY, asOf))).build();
	}

	/**
	 * A blast radius, with the instant (none for now) and whether its impacted CIs' selection stays within what the
	 * traversal read ({@link ImpactedCiFetcher#SUMMARY_ONLY}) for its nested fields.
	 */
	<T> Object result(T data, Long asOf, boolean summaryOnly) {
		Map<String, Object> context = new java.util.HashMap<>();
		context.put(ImpactedCiFetcher.SUMMARY_ONLY, summaryOnly);
		if (asOf != null) {
			context.put(KEY, asOf);
		}
		return DataFetcherResult.<T>newResult().data(data).localContext(GraphQLContext.of(context)).build();
	}

	CompletableFuture<CiView> ci(String id, Long asOf, DataLoader<String, CiView> loader) {
		if (asOf == null) {
			return loader.load(id);
		}
		return CompletableFuture.completedFuture(reads.ci(id, asOf).orElse(null));
	}

	CompletableFuture<List<CiView>> cis(List<String> ids, Long asOf, DataLoader<String, CiView> loader) {
		if (asOf == null) {
			return loader.loadMany(ids);
		}
		return CompletableFuture.completedFuture(ids.stream().map(id -> reads.ci(id, asOf).orElse(null)).toList());
	}

	AsOfReads reads() {
		return reads;
	}

}
