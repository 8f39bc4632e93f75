package org.fedcmdb.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.GraphQL;
import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.security.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.JsonNode;

/**
 * The server's GraphQL requests dispatch their data loaders once the execution is exhausted, and still load every CI
 * they name at every depth (a radius's origins one level down, its impacted CIs two levels down, through the same
 * {@code ci} loader). Run through the server's own GraphQL handler, interceptors included, to read the request's
 * execution input. (The loaders keep no statistics, so the batches themselves are not counted here.)
 */
class DataLoaderDispatchingIntegrationTests extends IntegrationTestSupport {

	@Autowired
	WebGraphQlHandler handler;

	@Test
	@SuppressWarnings("unchecked")
	void requestsDispatchTheirLoadersWhenExhaustedAndLoadEveryCi() {
		String u = unique();
		JsonNode s = ingest(snapshot("terraform-dl" + u, "DELTA", Instant.now(), List.of(
				item("h", "Server", Map.of("serialNumber", "DL-" + u), attrs()),
				item("a1", "Application", Map.of("uid", "dl-a1-" + u), attrs()),
				item("a2", "Application", Map.of("uid", "dl-a2-" + u), attrs()),
				item("a3", "Application", Map.of("uid", "dl-a3-" + u), attrs())),
				List.of(rel("DEPENDS_ON", "a1", "h"), rel("DEPENDS_ON", "a2", "h"), rel("DEPENDS_ON", "a3", "a1"))));
		String host = ciId(s, "h");

		WebGraphQlResponse response = execute("query($ids: [ID!]!) { blastRadius(ciIds: $ids) { origins { id labels } "
				+ "impacted { depth ci { id labels } } } }", Map.of("ids", List.of(host)));

		assertThat(response.getErrors()).isEmpty();
		Map<String, Object> data = response.getData();
		Map<String, Object> radius = (Map<String, Object>) data.get("blastRadius");
		List<Map<String, Object>> origins = (List<Map<String, Object>>) radius.get("origins");
		List<Map<String, Object>> impacted = (List<Map<String, Object>>) radius.get("impacted");
		assertThat(origins).singleElement().satisfies(o -> {
			assertThat(o.get("id")).isEqualTo(host);
			assertThat((List<Object>) o.get("labels")).contains("Server");
		});
		assertThat(impacted).hasSize(3).allSatisfy(i -> assertThat((List<Object>) ((Map<String, Object>) i.get("ci"))
			.get("labels")).contains("Application"));
		assertThat(impacted.stream().map(i -> ((Map<String, Object>) i.get("ci")).get("id")))
			.containsExactlyInAnyOrder(ciId(s, "a1"), ciId(s, "a2"), ciId(s, "a3"));
		assertThat(GraphQL.unusualConfiguration(response.getExecutionInput()).dataloaderConfig()
			.isDataLoaderExhaustedDispatchingEnabled()).isTrue();
	}

	private WebGraphQlResponse execute(String document, Map<String, Object> variables) {
		MockHttpServletRequest servlet = new MockHttpServletRequest("POST", "/graphql");
		servlet.setAttribute(Principal.ATTRIBUTE, Principal.UNRESTRICTED);
		RequestAttributes previous = RequestContextHolder.getRequestAttributes();
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(servlet));
		try {
			WebGraphQlRequest request = new WebGraphQlRequest(URI.create("http://localhost/graphql"), new HttpHeaders(),
					new LinkedMultiValueMap<>(), null, Map.of(), Map.of("query", document, "variables", variables),
					"test-" + unique(), Locale.ENGLISH);
			return handler.handleRequest(request).block();
		}
		finally {
			RequestContextHolder.setRequestAttributes(previous);
		}
	}

}
