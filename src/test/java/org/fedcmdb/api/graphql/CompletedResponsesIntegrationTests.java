package org.fedcmdb.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import java.util.function.Function;

import io.micrometer.context.ContextSnapshotFactory;
import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.security.Principal;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.function.AsyncServerResponse;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * A GraphQL request whose execution finished while the handler ran is answered on the request's own dispatch, with
 * the status, media type and body Spring GraphQL's handler gives; one still running, failed or empty takes the
 * asynchronous path as before. Through the server's own handler bean (its interceptors and schema) on a servlet
 * request of Spring's test doubles, to see which kind of response the handler returns (over real HTTP every other
 * GraphQL test goes through it).
 */
class CompletedResponsesIntegrationTests extends IntegrationTestSupport {

	private static final String CLASSES = "{\"query\":\"{ classes { name } }\"}";

	private static final List<HttpMessageConverter<?>> CONVERTERS = List.of(new JacksonJsonHttpMessageConverter());

	@Autowired
	GraphQlHttpHandler httpHandler;

	@Autowired
	WebGraphQlHandler webGraphQlHandler;

	@Test
	void aFinishedExecutionIsWrittenOnTheRequestsOwnDispatch() throws Exception {
		assertThat(httpHandler).isInstanceOf(CompletedResponses.CompletedResponseHandler.class);
		MockHttpServletRequest servlet = post(CLASSES);

		ServerResponse response = handle(httpHandler, servlet);

		assertThat(response).isNotInstanceOf(AsyncServerResponse.class);
		MockHttpServletResponse written = write(response, servlet);
		assertThat(written.getStatus()).isEqualTo(200);
		assertThat(written.getContentType()).startsWith("application/graphql-response+json");
		JsonNode body = org.fedcmdb.graph.Json.MAPPER.readTree(written.getContentAsString(StandardCharsets.UTF_8));
		assertThat(body.get("data").get("classes").size()).isGreaterThan(0);
		assertThat(servlet.isAsyncStarted()).isFalse();
	}

	@Test
	void aRequestThatFailsValidationKeepsTheStatusOfGraphQlOverHttp() throws Exception {
		MockHttpServletRequest servlet = post("{\"query\":\"{ noSuchField }\"}");

		ServerResponse response = handle(httpHandler, servlet);

		assertThat(response).isNotInstanceOf(AsyncServerResponse.class);
		MockHttpServletResponse written = write(response, servlet);
		assertThat(written.getStatus()).isEqualTo(400);
		JsonNode body = org.fedcmdb.graph.Json.MAPPER.readTree(written.getContentAsString(StandardCharsets.UTF_8));
		assertThat(body.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("VALIDATION_ERROR");
	}

	@Test
	void aPendingResultIsAnsweredAsynchronouslyAndCompletesLater() throws Exception {
		Sinks.One<WebGraphQlResponse> later = Sinks.one();
		GraphQlHttpHandler handler = new CompletedResponses.CompletedResponseHandler(answering(request -> later.asMono()));
		MockHttpServletRequest servlet = post(CLASSES);

		ServerResponse response = handle(handler, servlet);

		assertThat(response).isInstanceOf(AsyncServerResponse.class);
		// the answer arrives later: Spring GraphQL's own handler's for the same request
		Sinks.One<WebGraphQlResponse> answer = Sinks.one();
		GraphQlHttpHandler capturing = new CompletedResponses.CompletedResponseHandler(
				answering(request -> webGraphQlHandler.handleRequest(request).doOnNext(answer::tryEmitValue)));
		handle(capturing, post(CLASSES));
		later.tryEmitValue(answer.asMono().block());
		MockHttpServletResponse written = write(((AsyncServerResponse) response).block(), servlet);
		assertThat(written.getStatus()).isEqualTo(200);
		JsonNode body = org.fedcmdb.graph.Json.MAPPER.readTree(written.getContentAsString(StandardCharsets.UTF_8));
		assertThat(body.get("data").get("classes").size()).isGreaterThan(0);
	}

	@Test
	void aFailedOrEmptyResultIsHandledAsSpringGraphQlsOwnHandlerHandlesIt() throws Exception {
		WebGraphQlHandler failing = answering(request -> Mono.error(new IllegalStateException("boom")));
		assertThat(handle(new CompletedResponses.CompletedResponseHandler(failing), post(CLASSES)))
			.isInstanceOf(AsyncServerResponse.class);
		assertThat(handle(new GraphQlHttpHandler(failing), post(CLASSES))).isInstanceOf(AsyncServerResponse.class);
		// an empty result is a programming error Spring GraphQL's handler refuses, and so does this one
		WebGraphQlHandler empty = answering(request -> Mono.empty());
		assertThatThrownBy(() -> handle(new GraphQlHttpHandler(empty), post(CLASSES)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> handle(new CompletedResponses.CompletedResponseHandler(empty), post(CLASSES)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private static MockHttpServletRequest post(String json) {
		MockHttpServletRequest servlet = new MockHttpServletRequest("POST", "/graphql");
		servlet.setContentType("application/json");
		servlet.addHeader("Accept", "application/graphql-response+json");
		servlet.setContent(json.getBytes(StandardCharsets.UTF_8));
		servlet.setAttribute(Principal.ATTRIBUTE, Principal.UNRESTRICTED);
		servlet.setAsyncSupported(true);
		return servlet;
	}

	/** A handler answering as the function says (its other methods the server's handler's). */
	private WebGraphQlHandler answering(Function<WebGraphQlRequest, Mono<WebGraphQlResponse>> answer) {
		return new WebGraphQlHandler() {
			@Override
			public Mono<WebGraphQlResponse> handleRequest(WebGraphQlRequest request) {
				return answer.apply(request);
			}

			@Override
			public WebSocketGraphQlInterceptor getWebSocketInterceptor() {
				return webGraphQlHandler.getWebSocketInterceptor();
			}

			@Override
			public ContextSnapshotFactory contextSnapshotFactory() {
				return webGraphQlHandler.contextSnapshotFactory();
			}
		};
	}

	/** As the dispatcher servlet calls it: with the request's attributes bound (the authorization reads them). */
	private static ServerResponse handle(GraphQlHttpHandler handler, MockHttpServletRequest servlet) throws Exception {
		RequestAttributes previous = RequestContextHolder.getRequestAttributes();
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(servlet));
		try {
			return handler.handleRequest(ServerRequest.create(servlet, CONVERTERS));
		}
		finally {
			RequestContextHolder.setRequestAttributes(previous);
		}
	}

	private static MockHttpServletResponse write(ServerResponse response, MockHttpServletRequest servlet)
			throws Exception {
		MockHttpServletResponse out = new MockHttpServletResponse();
		response.writeTo(servlet, out, () -> CONVERTERS);
		return out;
	}

}
