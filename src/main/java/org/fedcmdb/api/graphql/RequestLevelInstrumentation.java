package org.fedcmdb.api.graphql;

import java.util.List;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.schema.DataFetcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server's GraphQL instrumentations (the depth, complexity and alias limits, the per-request observation) all act
 * on the request: parsing, validation, the operation. graphql-java's {@link ChainedInstrumentation} still calls each
 * of them for every field (fetch, completion, object, list, data fetcher), allocating a list of contexts each time; in
 * the benchmark's profile of a blast radius that was a third of the time graphql-java spent completing the impacted
 * CIs. This chain forwards the request-level hooks and answers the per-field ones with graphql-java's own no-op
 * contexts. An instrumentation that needs per-field hooks must not be added here:
 * {@code RequestLevelInstrumentationIntegrationTests} fails when the server's instrumentations change.
 */
final class RequestLevelInstrumentation extends ChainedInstrumentation {

	RequestLevelInstrumentation(List<Instrumentation> instrumentations) {
		super(instrumentations);
	}

	@Override
	public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters,
			InstrumentationState state) {
		return SimpleInstrumentationContext.noOp();
	}

	@Override
	@SuppressWarnings("deprecation")
	public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		return SimpleInstrumentationContext.noOp();
	}

	@Override
	public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		return FieldFetchingInstrumentationContext.NOOP;
	}

	@Override
	public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
			InstrumentationState state) {
		return SimpleInstrumentationContext.noOp();
	}

	@Override
	public InstrumentationContext<Object> beginFieldListCompletion(InstrumentationFieldCompleteParameters parameters,
			InstrumentationState state) {
		return SimpleInstrumentationContext.noOp();
	}

	@Override
	public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
			InstrumentationState state) {
		return ExecuteObjectInstrumentationContext.NOOP;
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		return dataFetcher;
	}

	/** Replaces the chain Spring GraphQL builds from the instrumentation beans (its configurers run after it). */
	@Configuration(proxyBeanMethods = false)
	static class Installation {

		@Bean
		GraphQlSourceBuilderCustomizer requestLevelInstrumentation(ObjectProvider<Instrumentation> instrumentations) {
			return builder -> builder.configureGraphQl(graphQl -> graphQl
				.instrumentation(new RequestLevelInstrumentation(instrumentations.orderedStream().toList())));
		}

	}

}
