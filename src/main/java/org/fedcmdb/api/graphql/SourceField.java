package org.fedcmdb.api.graphql;

import java.util.function.Function;
import java.util.function.Supplier;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;

/**
 * A field read straight from its source record ({@code ImpactedCI.depth} from the traversal's record, {@code CI.id}
 * from the CI's view): graphql-java's property fetcher builds a cache key string per call to find the getter, and an
 * annotated controller method resolves its arguments and is wrapped in a context-propagating decorator per call, both
 * visible in the benchmark's profile of a blast radius, where such fields are completed once per impacted CI. Any
 * other source goes through the property fetcher.
 */
record SourceField<S>(String name, Class<S> type, Function<S, Object> getter) implements LightDataFetcher<Object> {

	@Override
	public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> env)
			throws Exception {
		return type.isInstance(source) ? getter.apply(type.cast(source))
				: PropertyDataFetcher.fetching(name).get(field, source, env);
	}

	@Override
	public Object get(DataFetchingEnvironment env) throws Exception {
		return get(env.getFieldDefinition(), env.getSource(), () -> env);
	}

}
