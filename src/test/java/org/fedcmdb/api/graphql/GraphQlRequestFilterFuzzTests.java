package org.fedcmdb.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.servlet.ServletRequest;
import org.fedcmdb.graph.Json;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

/**
 * The GraphQL request filter on arbitrary bodies (through Spring's servlet test request and response, the filter
 * itself unchanged): a body is passed on whole as a JSON object, or refused with a 400 or 413 and a coded GraphQL
 * error; never an exception. Fuzz with {@code ./mvnw -Pfuzz test -Dtest=GraphQlRequestFilterFuzzTests}.
 */
class GraphQlRequestFilterFuzzTests {

	static final GraphQlRequestFilter FILTER = new GraphQlRequestFilter(new ApiProperties(500, 15, 5000, 30,
			Duration.ofSeconds(10), 10_000, 100_000, DataSize.ofKilobytes(64)));

	@FuzzTest(maxDuration = "2m")
	void aBodyIsPassedOnOrRefusedWithACode(byte[] body) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
		request.setContentType("application/json");
		request.setContent(body);
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<ServletRequest> passed = new AtomicReference<>();
		FILTER.doFilter(request, response, (req, res) -> passed.set(req));
		if (passed.get() != null) {
			assertThat(passed.get().getInputStream().readAllBytes()).isEqualTo(body);
			assertThat(Json.MAPPER.readTree(body).isObject()).isTrue();
		}
		else {
			assertThat(response.getStatus()).isIn(400, 413);
			JsonNode error = Json.MAPPER.readTree(response.getContentAsByteArray()).get("errors").get(0);
			assertThat(error.get("extensions").get("code").asString()).matches("[A-Z_]+");
		}
	}

}
