package org.fedcmdb.api.graphql;

import java.lang.reflect.Method;
import java.util.List;

import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import org.fedcmdb.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's GraphQL runs its instrumentations through {@link RequestLevelInstrumentation}, which skips per-field
 * hooks: this fails when an instrumentation that implements one of them is added, so that it is not silently ignored.
 */
class RequestLevelInstrumentationIntegrationTests extends IntegrationTestSupport {

	private static final List<String> PER_FIELD_HOOKS = List.of("beginFieldExecution", "beginFieldFetch",
			"beginFieldFetching", "beginFieldCompletion", "beginFieldListCompletion", "beginExecuteObject",
			"instrumentDataFetcher");

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void theServersInstrumentationsRunAtRequestLevelAndNoneHasAPerFieldHook() throws Exception {
		Instrumentation chain = graphQlSource.graphQl().getInstrumentation();
		assertThat(chain).isInstanceOf(RequestLevelInstrumentation.class);
		List<Instrumentation> all = ((RequestLevelInstrumentation) chain).getInstrumentations();
		assertThat(all).hasSize(4);
		DataFetcher<Object> fetcher = env -> "x";
		for (Instrumentation i : all) {
			for (Method m : i.getClass().getMethods()) {
				if (!PER_FIELD_HOOKS.contains(m.getName()) || m.getDeclaringClass().getName().startsWith("graphql.")) {
					continue;
				}
				// declared outside graphql-java: only an identity instrumentDataFetcher is allowed
				assertThat(m.getName()).as("%s overrides %s", i.getClass(), m).isEqualTo("instrumentDataFetcher");
				assertThat(m.invoke(i, fetcher, (InstrumentationFieldFetchParameters) null, null)).isSameAs(fetcher);
			}
		}
	}

}
