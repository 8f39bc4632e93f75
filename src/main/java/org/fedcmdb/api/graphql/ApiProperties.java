package org.fedcmdb.api.graphql;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the GraphQL API, on by default: abusive queries are refused before they run.
 *
 * @param maxPageSize the largest {@code first} of any list
 * @param maxDepth deepest selection nesting
 * @param maxComplexity summed field cost of a query
 * @param maxAliases aliases per query (alias floods multiply work)
 * @param timeout per-request execution limit
 * @param maxImpactLimit the most impacted CIs one blast radius may return
 * @param maxDocumentLength the longest query document, in characters
 * @param maxRequestSize the largest GraphQL HTTP body (query plus variables); larger is refused with 413 unread
 */
@ConfigurationProperties("fedcmdb.api")
record ApiProperties(@DefaultValue("500") int maxPageSize, @DefaultValue("15") int maxDepth,
		@DefaultValue("5000") int maxComplexity, @DefaultValue("30") int maxAliases,
		@DefaultValue("10s") Duration timeout, @DefaultValue("10000") int maxImpactLimit,
		@DefaultValue("100000") int maxDocumentLength,
		@DefaultValue("4MB") org.springframework.util.unit.DataSize maxRequestSize) {
}
