package org.fedcmdb.api.graphql;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Parsed and validated GraphQL documents, kept by their text: clients (dashboards, pipelines, the console, the
 * benchmark) send the same few queries with different variables, and graphql-java parses and validates each request's
 * document again unless a {@link PreparsedDocumentProvider} answers it (graphql-java's documented way to skip both).
 * Bounded by the documents' total length; keyed by the locale as well, since validation messages are localised.
 * <p>
 * What is cached is graphql-java's outcome of parsing and validating, errors included. A document refused by the
 * alias limit (an instrumentation of validation) throws instead and is not cached: it is refused on every request.
 * The depth and complexity limits act when an operation executes, so they run on every request, cached or not.
 */
final class ParsedDocuments implements PreparsedDocumentProvider {

	/** Characters of document text kept (the AST of a document is a few times its text). */
	static final long MAX_CHARACTERS = 4_000_000;

	private record Key(String document, Locale locale) {
	}

	private final Cache<Key, PreparsedDocumentEntry> cache = Caffeine.newBuilder()
		.maximumWeight(MAX_CHARACTERS)
		.weigher((Key k, PreparsedDocumentEntry e) -> k.document().length())
		.recordStats()
		.build();

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		Key key = new Key(input.getQuery(), input.getLocale());
		return CompletableFuture.completedFuture(cache.get(key, k -> parseAndValidate.apply(input)));
	}

	/** Hits and misses since the start (for tests and diagnosis). */
	CacheStats stats() {
		return cache.stats();
	}

	@Configuration(proxyBeanMethods = false)
	static class Installation {

		@Bean
		ParsedDocuments parsedDocuments() {
			return new ParsedDocuments();
		}

		@Bean
		GraphQlSourceBuilderCustomizer parsedDocumentCache(ParsedDocuments documents) {
			return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(documents));
		}

	}

}
