package org.fedcmdb.api.graphql;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;

/**
 * GraphQL observations per request (the {@code graphql.request} timer), not per field: Spring's instrumentation
 * observes every non-trivial data fetcher, which for a blast radius of a few hundred CIs is a few hundred observations
 * per request; the profile of the depth-3 benchmark put 17% of a request's time there, and nothing reads them. Replaces
 * Spring Boot's instrumentation bean (it backs off when one exists).
 */
@Configuration(proxyBeanMethods = false)
class GraphQlObservations {

	@Bean
	GraphQlObservationInstrumentation graphQlObservationInstrumentation(ObservationRegistry registry) {
		return new GraphQlObservationInstrumentation(registry) {

			@Override
			public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
					InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
				return dataFetcher;
			}

		};
	}

}
