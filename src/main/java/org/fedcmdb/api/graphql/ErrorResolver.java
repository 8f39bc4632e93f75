package org.fedcmdb.api.graphql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.GraphqlErrorException;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Every GraphQL error carries a machine-readable {@code extensions.code}; an unexpected failure is logged with an
 * incident id and reaches the client as that id, never as a stack trace.
 */
@Component
class ErrorResolver extends DataFetcherExceptionResolverAdapter {

	private static final Logger log = LoggerFactory.getLogger(ErrorResolver.class);

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (ex instanceof GraphqlErrorException g) {
			Map<String, Object> ext = new LinkedHashMap<>();
			if (g.getExtensions() != null) {
				ext.putAll(g.getExtensions());
			}
			ext.putIfAbsent("code", "BAD_REQUEST");
			return GraphqlErrorBuilder.newError(env).message(g.getMessage()).errorType(ErrorType.BAD_REQUEST)
				.extensions(ext).build();
		}
		if (ex instanceof org.fedcmdb.graph.CodedException c) {
			return GraphqlErrorBuilder.newError(env).message(c.getMessage())
				.errorType(c.status() >= 500 ? ErrorType.INTERNAL_ERROR : ErrorType.BAD_REQUEST)
				.extensions(Map.of("code", c.code())).build();
		}
		if (ex instanceof org.fedcmdb.cis.WriterBusyException) {
			return GraphqlErrorBuilder.newError(env).message(ex.getMessage()).errorType(ErrorType.INTERNAL_ERROR)
				.extensions(Map.of("code", "WRITER_BUSY")).build();
		}
		if (ex instanceof IllegalArgumentException) {
			return GraphqlErrorBuilder.newError(env).message(ex.getMessage()).errorType(ErrorType.BAD_REQUEST)
				.extensions(Map.of("code", "BAD_REQUEST")).build();
		}
		if (ex instanceof org.neo4j.driver.exceptions.TransientException
				|| ex instanceof org.neo4j.driver.exceptions.ClientException c && c.code() != null
						&& c.code().contains("TransactionTimedOut")) {
			return GraphqlErrorBuilder.newError(env).message("The query took too long and was stopped")
				.errorType(ErrorType.INTERNAL_ERROR).extensions(Map.of("code", "TIMEOUT")).build();
		}
		String incident = UUID.randomUUID().toString();
		log.error("GraphQL field {} failed (incident {})", env.getField().getName(), incident, ex);
		return GraphqlErrorBuilder.newError(env).message("Internal error (incident " + incident + ")")
			.errorType(ErrorType.INTERNAL_ERROR).extensions(Map.of("code", "INTERNAL_ERROR", "incident", incident))
			.build();
	}

}
