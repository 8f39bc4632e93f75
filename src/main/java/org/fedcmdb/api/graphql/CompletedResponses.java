package org.fedcmdb.api.graphql;

import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.web.servlet.function.AsyncServerResponse;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphQL over HTTP answered on the request's own dispatch when the execution has already finished. Spring GraphQL's
 * handler always answers with an asynchronous response ({@code ServerResponse.async}): the servlet request is put
 * into asynchronous mode and dispatched a second time through the container, the filters and the dispatcher servlet
 * to write a result that, for the server's synchronous data fetchers, was complete before the handler returned. The
 * replacement keeps Spring GraphQL's handler for everything (reading the body, the interceptors, status and media
 * type, writing) and only writes a completed result at once; a result still pending or failed takes the asynchronous
 * path as before (and an empty one is refused as before). {@code CompletedResponsesIntegrationTests} checks the
 * answers of both paths and that a completed one is not answered asynchronously.
 */
@Configuration(proxyBeanMethods = false)
class CompletedResponses {

	@Bean
	GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler webGraphQlHandler) {
		return new CompletedResponseHandler(webGraphQlHandler);
	}

	static final class CompletedResponseHandler extends GraphQlHttpHandler {

		CompletedResponseHandler(WebGraphQlHandler handler) {
			super(handler);
		}

		@Override
		protected ServerResponse prepareResponse(ServerRequest request, Mono<WebGraphQlResponse> response) {
			CompletableFuture<WebGraphQlResponse> future = response.toFuture();
			WebGraphQlResponse done = future.isDone() && !future.isCompletedExceptionally() ? future.getNow(null) : null;
			if (done == null) {
				return super.prepareResponse(request, Mono.fromFuture(future));
			}
			// Mono.just completes at subscription: the asynchronous response built on it is complete and block() returns
			ServerResponse written = super.prepareResponse(request, Mono.just(done));
			return written instanceof AsyncServerResponse async ? async.block() : written;
		}

	}

}
