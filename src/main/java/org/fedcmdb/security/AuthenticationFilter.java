package org.fedcmdb.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer-token authentication for everything but {@code /actuator/health} and the static pages (the console, GraphiQL
 * and their assets: no data in them; their queries go to /graphql with the signed-in token). 401 without a valid token; 403 when the
 * token lacks the role the path needs. Finer checks (the source a snapshot writes, GraphQL mutations) happen where the
 * request is understood, with the {@link Principal} this filter puts on the request.
 * <p>
 * Written as one small filter rather than with Spring Security: the whole policy is three roles and a source scope,
 * and keeping it here keeps it readable in one place.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuthenticationFilter extends OncePerRequestFilter {

	private final TokenService tokens;

	AuthenticationFilter(TokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		if (!canonical(path)) {
			deny(response, 400, "INVALID_PATH", "The path is not in canonical form (a dot segment, '//', ';', a backslash or "
					+ "percent-encoding); send it as the API names it");
			return;
		}
		if (!tokens.enabled()) {
			request.setAttribute(Principal.ATTRIBUTE, Principal.UNRESTRICTED);
			chain.doFilter(request, response);
			return;
		}
		if (path.equals("/actuator/health") || path.startsWith("/actuator/health/") || isStaticPage(path)
				// the REST API's description: no data in it
				|| path.equals("/v3/api-docs") || path.equals("/v3/api-docs.yaml")
				// signed by GitHub (X-Hub-Signature-256), verified by the receiver: no bearer token
				|| path.equals("/api/v1/integrations/github/deployment-protection")) {
			chain.doFilter(request, response);
			return;
		}
		String header = request.getHeader("Authorization");
		String secret = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
		Principal p = tokens.authenticate(secret);
		if (p == null) {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"fedcmdb\"");
			deny(response, 401, "UNAUTHENTICATED", secret == null ? "Send 'Authorization: Bearer <token>'"
					: "The bearer token is not valid (unknown or revoked)");
			return;
		}
		// snapshots: INGEST to post (its source is checked when the body is read), READ or INGEST to follow one;
		// GraphQL: any valid token here, the operation's needs are checked by the GraphQL interceptor
		String needed = path.startsWith("/api/v1/snapshots") && request.getMethod().equals("POST") ? "INGEST"
				: path.startsWith("/api/v1/alerts") ? "ALERTS"
				: path.startsWith("/api/v1/changes") && request.getMethod().equals("POST") ? "INGEST"
				: path.startsWith("/api/v1/snapshots") || path.equals("/graphql") ? null : "READ";
		if (needed != null && !p.has(needed)) {
			deny(response, 403, "FORBIDDEN", "Token '" + p.name() + "' lacks the " + needed + " role for " + path);
			return;
		}
		request.setAttribute(Principal.ATTRIBUTE, p);
		chain.doFilter(request, response);
	}

	/**
	 * Whether the path is as the API names it. The roles a request needs are told from its raw path, while Tomcat and
	 * Spring MVC route the path they decoded and normalised: {@code /api/v1/%61lerts} or {@code /api/v1;p/alerts}
	 * reach the alerts endpoint while not starting with {@code /api/v1/alerts}. No path of the API has a dot segment,
	 * an empty segment, a path parameter, a backslash or a percent-encoded character, so such a path is refused
	 * before anything else (as Spring Security's strict firewall refuses them), rather than decoded here as each of
	 * the server's layers would.
	 */
	static boolean canonical(String path) {
		return path.startsWith("/") && !path.contains("//") && !path.contains(";") && !path.contains("%")
				&& !path.contains("\\") && !path.contains("/./") && !path.contains("/../") && !path.endsWith("/.")
				&& !path.endsWith("/..");
	}

	/** The console, GraphiQL and their assets: static files with no data in them (their data calls are authenticated). */
	static boolean isStaticPage(String path) {
		if (!canonical(path)) {
			return false; // a path that could climb or be re-read elsewhere is never public, whatever it starts with
		}
		return path.equals("/") || path.equals("/console") || path.startsWith("/console/") || path.equals("/graphiql")
				|| path.startsWith("/graphiql/") || path.startsWith("/webjars/") || path.equals("/favicon.ico");
	}

	private static void deny(HttpServletResponse response, int status, String code, String message) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		response.getWriter().write("{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'")
				+ "\",\"status\":" + status + "}");
	}

}
