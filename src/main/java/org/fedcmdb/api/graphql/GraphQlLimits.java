package org.fedcmdb.api.graphql;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Field;
import graphql.language.NodeVisitorStub;
import graphql.language.NodeTraverser;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.validation.ValidationError;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * GraphQL limits, on by default: depth and complexity through graphql-java's own instrumentations, aliases counted
 * by a small instrumentation (graphql-java has none for aliases), document size and the per-request timeout in an
 * interceptor. Every refusal happens before execution and carries {@code extensions.code}.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

	/** A refusal with a code, as graphql-java's abort exception but carrying extensions. */
	static final class Refused extends AbortExecutionException {

		private final Map<String, Object> extensions;

		Refused(String code, String message, Map<String, Object> more) {
			super(message);
			this.extensions = new java.util.LinkedHashMap<>(more);
			this.extensions.put("code", code);
		}

		@Override
		public Map<String, Object> getExtensions() {
			return extensions;
		}

	}

	@Bean
	MaxQueryDepthInstrumentation maxQueryDepth(ApiProperties properties) {
		return new MaxQueryDepthInstrumentation(properties.maxDepth()) {
			@Override
			protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
				return new Refused("MAX_DEPTH_EXCEEDED", "Query depth " + depth + " exceeds the limit of " + maxDepth,
						Map.of("depth", depth, "max", maxDepth));
			}
		};
	}

	@Bean
	MaxQueryComplexityInstrumentation maxQueryComplexity(ApiProperties properties) {
		return new MaxQueryComplexityInstrumentation(properties.maxComplexity()) {
			@Override
			protected AbortExecutionException mkAbortException(int complexity, int max) {
				return new Refused("MAX_COMPLEXITY_EXCEEDED",
						"Query complexity " + complexity + " exceeds the limit of " + max,
						Map.of("complexity", complexity, "max", max));
			}
		};
	}

	@Bean
	SimplePerformantInstrumentation maxAliases(ApiProperties properties) {
		return new SimplePerformantInstrumentation() {
			@Override
			public InstrumentationContext<List<ValidationError>> beginValidation(
					InstrumentationValidationParameters parameters, InstrumentationState state) {
				AtomicInteger aliases = new AtomicInteger();
				new NodeTraverser().preOrder(new NodeVisitorStub() {
					@Override
					public TraversalControl visitField(Field node, TraverserContext<graphql.language.Node> context) {
						if (node.getAlias() != null) {
							aliases.incrementAndGet();
						}
						return TraversalControl.CONTINUE;
					}
				}, parameters.getDocument());
				if (aliases.get() > properties.maxAliases()) {
					throw new Refused("MAX_ALIASES_EXCEEDED", "Query uses " + aliases.get() + " aliases; the limit is "
							+ properties.maxAliases(), Map.of("aliases", aliases.get(), "max", properties.maxAliases()));
				}
				return SimpleInstrumentationContext.noOp();
			}
		};
	}

	@Bean
	WebGraphQlInterceptor documentSizeAndTimeout(ApiProperties properties) {
		return new WebGraphQlInterceptor() {
			@Override
			public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
				if (request.getDocument().length() > properties.maxDocumentLength()) {
					return Mono.just(refusal(request, "DOCUMENT_TOO_LARGE", "The query document is "
							+ request.getDocument().length() + " characters; the limit is " + properties.maxDocumentLength()));
				}
				return chain.next(request)
					.map(GraphQlLimits::withCodes)
					.timeout(properties.timeout().plusSeconds(1))
					.onErrorResume(TimeoutException.class, ex -> Mono.just(refusal(request, "TIMEOUT",
							"The request did not finish within " + properties.timeout().toSeconds() + " s and was stopped")));
			}
		};
	}

	/** Gives every error a code: graphql-java's own syntax and validation errors come with a classification only. */
	static WebGraphQlResponse withCodes(WebGraphQlResponse response) {
		if (response.getErrors().isEmpty()
				|| response.getErrors().stream().allMatch(e -> e.getExtensions().containsKey("code"))) {
			return response;
		}
		return response.transform(builder -> builder.errors(response.getErrors().stream().map(e -> {
			if (e.getExtensions().containsKey("code")) {
				return (GraphQLError) GraphqlErrorBuilder.newError().message(e.getMessage()).locations(e.getLocations())
					.path(e.getParsedPath()).errorType(e.getErrorType()).extensions(e.getExtensions()).build();
			}
			String code = switch (String.valueOf(e.getErrorType())) {
				case "InvalidSyntax" -> "INVALID_SYNTAX";
				case "ValidationError" -> "VALIDATION_ERROR";
				case "ExecutionAborted" -> "EXECUTION_ABORTED";
				case "OperationNotSupported" -> "OPERATION_NOT_SUPPORTED";
				case "BAD_REQUEST" -> "BAD_REQUEST";
				case "UNAUTHORIZED" -> "UNAUTHORIZED";
				case "FORBIDDEN" -> "FORBIDDEN";
				case "NOT_FOUND" -> "NOT_FOUND";
				default -> "INTERNAL_ERROR";
			};
			Map<String, Object> ext = new java.util.LinkedHashMap<>(e.getExtensions());
			ext.put("code", code);
			return (GraphQLError) GraphqlErrorBuilder.newError().message(e.getMessage()).locations(e.getLocations())
				.path(e.getParsedPath()).errorType(e.getErrorType()).extensions(ext).build();
		}).toList()));
	}

	static WebGraphQlResponse refusal(WebGraphQlRequest request, String code, String message) {
		GraphQLError error = GraphqlErrorBuilder.newError().message(message)
			.errorType(org.springframework.graphql.execution.ErrorType.BAD_REQUEST).extensions(Map.of("code", code)).build();
		ExecutionResult result = ExecutionResult.newExecutionResult().addError(error).build();
		return new WebGraphQlResponse(new org.springframework.graphql.support.DefaultExecutionGraphQlResponse(
				request.toExecutionInput(), result));
	}

}
