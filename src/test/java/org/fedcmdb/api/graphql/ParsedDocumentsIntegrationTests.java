package org.fedcmdb.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.fedcmdb.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A document sent again is not parsed and validated again, and the cache changes no answer: the same errors for a
 * document that fails, the limits that act on execution still applied, the alias limit (a validation instrumentation)
 * refusing every time.
 */
class ParsedDocumentsIntegrationTests extends IntegrationTestSupport {

	@Autowired
	ParsedDocuments documents;

	private static String code(JsonNode response) {
		assertThat(response.get("errors")).as(response.toString()).isNotNull();
		return response.get("errors").get(0).get("extensions").get("code").asString();
	}

	@Test
	void aDocumentSentAgainIsTakenFromTheCacheWithItsVariablesApplied() {
		String u = unique();
		// at least two CIs to page through, whichever tests ran before in this context
		ingest(snapshot("nmap-pd" + u, "DELTA", java.time.Instant.now(), java.util.List.of(
				item("a", "Server", Map.of("fqdn", "a-" + u + ".example"), attrs()),
				item("b", "Server", Map.of("fqdn", "b-" + u + ".example"), attrs())), java.util.List.of()));
		String query = "query($f: Int) { cis(first: $f) { edges { node { id } } } } # " + u;
		CacheStats before = documents.stats();
		JsonNode one = data(query, "f", 1);
		CacheStats afterFirst = documents.stats();
		JsonNode two = data(query, "f", 2);
		CacheStats afterSecond = documents.stats();
		assertThat(afterFirst.missCount() - before.missCount()).isGreaterThanOrEqualTo(1);
		assertThat(afterSecond.hitCount() - afterFirst.hitCount()).isGreaterThanOrEqualTo(1);
		assertThat(afterSecond.missCount()).isEqualTo(afterFirst.missCount());
		assertThat(one.get("cis").get("edges").size()).isEqualTo(1);
		assertThat(two.get("cis").get("edges").size()).isEqualTo(2);
	}

	@Test
	void aFailingDocumentFailsTheSameWayEveryTime() {
		String u = unique();
		String invalid = "{ cis(first: 1) { edges { node { noSuchField } } } } # " + u;
		String syntax = "{ cis(first: 1) { edges { node { id } } # " + u;
		for (int i = 0; i < 2; i++) {
			assertThat(code(graphql(invalid, Map.of()))).isEqualTo("VALIDATION_ERROR");
			assertThat(code(graphql(syntax, Map.of()))).isEqualTo("INVALID_SYNTAX");
		}
	}

	@Test
	void theLimitsStillApplyToACachedDocument() {
		String u = unique();
		String deep = "{ cis(first: 1) { edges { node { " + "relationships { ci { ".repeat(9) + "id"
				+ " } }".repeat(9) + " } } } } # " + u;
		StringBuilder aliases = new StringBuilder("{");
		for (int i = 0; i < 50; i++) {
			aliases.append(" a").append(i).append(": classes { name }");
		}
		aliases.append(" } # ").append(u);
		for (int i = 0; i < 2; i++) {
			assertThat(code(graphql(deep, Map.of()))).isEqualTo("MAX_DEPTH_EXCEEDED");
			assertThat(code(graphql(aliases.toString(), Map.of()))).isEqualTo("MAX_ALIASES_EXCEEDED");
		}
	}

}
