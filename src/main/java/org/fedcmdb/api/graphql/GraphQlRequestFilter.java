package org.fedcmdb.api.graphql;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.fedcmdb.graph.Json;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks a GraphQL POST body before Spring for GraphQL reads it: at most {@code maxRequestSize} bytes (413, read no
 * further), well-formed UTF-8 JSON (400 MALFORMED_JSON), one request object and not a batch array (400
 * BATCHING_NOT_SUPPORTED: a batch would multiply every per-request limit). Spring's own handler answers these with an
 * uncoded 400, and would buffer a body of any size; answering here gives clients the same {@code errors[].extensions.code}
 * shape as every other refusal.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class GraphQlRequestFilter extends OncePerRequestFilter {

	private final ApiProperties properties;

	GraphQlRequestFilter(ApiProperties properties) {
		this.properties = properties;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/graphql".equals(request.getRequestURI()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long max = properties.maxRequestSize().toBytes();
		if (request.getContentLengthLong() > max) {
			refuse(response, 413, "PAYLOAD_TOO_LARGE", "The request is larger than " + max + " bytes");
			return;
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
		if (body.length > max) {
			refuse(response, 413, "PAYLOAD_TOO_LARGE", "The request is larger than " + max + " bytes");
			return;
		}
		JsonNode tree;
		try {
			tree = Json.MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			refuse(response, 400, "MALFORMED_JSON", "The request body is not valid UTF-8 JSON: "
					+ ex.getOriginalMessage().lines().findFirst().orElse(""));
			return;
		}
		if (tree != null && tree.isArray()) {
			refuse(response, 400, "BATCHING_NOT_SUPPORTED",
					"Send one GraphQL request object per HTTP request; batched arrays are not accepted");
			return;
		}
		if (tree == null || !tree.isObject()) {
			refuse(response, 400, "INVALID_REQUEST", "The body must be a JSON object with a 'query'");
			return;
		}
		chain.doFilter(new CachedBody(request, body), response);
	}

	private static void refuse(HttpServletResponse response, int status, String code, String message)
			throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		response.getOutputStream()
			.write(Json.MAPPER.writeValueAsBytes(
					Map.of("errors", java.util.List.of(Map.of("message", message, "extensions", Map.of("code", code))))));
	}

	/** The request with its already-read body replayed. */
	private static final class CachedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

	}

}
