package org.fedcmdb.security;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import reactor.core.publisher.Mono;

/**
 * What each GraphQL operation needs: queries READ (token management ADMIN, {@code viewer} any valid token), registerChange INGEST, incident and
 * problem actions RESPONDER, CAB decisions CHANGE_APPROVER, every other mutation ADMIN. Checked before execution, from the parsed document (top-level fields through fragments too); a refusal is a coded GraphQL error.
 */
@Component
class GraphQlAuthorization implements WebGraphQlInterceptor {

	static final Set<String> ADMIN_QUERIES = Set.of("tokens", "subscriptions", "deliveries");

	/** Asked by any valid token, whatever its roles (a client shapes itself around the answer). */
	static final Set<String> ANY_QUERIES = Set.of("viewer");

	static final Set<String> INGEST_MUTATIONS = Set.of("registerChange", "requestChange");

	static final Set<String> APPROVER_MUTATIONS = Set.of("approveChange", "rejectChange", "reviewChange");

	static final Set<String> RESPONDER_MUTATIONS = Set.of("acknowledgeIncident", "resolveIncident", "linkIncident",
			"createProblem", "updateProblem");

	/** A selection whose fields cannot be told from the document. */
	private static final String UNKNOWN = "*unknown fragment*";

	private final TokenService tokens;

	GraphQlAuthorization(TokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!tokens.enabled()) {
			return chain.next(request);
		}
		RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
		Object p = attrs == null ? null : attrs.getAttribute(Principal.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		Principal principal = p instanceof Principal pr ? pr : null;
		if (principal == null) {
			return Mono.just(refuse(request, "UNAUTHENTICATED", "Send 'Authorization: Bearer <token>'"));
		}
		Document doc;
		try {
			doc = Parser.parse(request.getDocument());
		}
		catch (RuntimeException ex) {
			return chain.next(request); // graphql-java reports the syntax error with its code
		}
		Map<String, FragmentDefinition> fragments = new java.util.HashMap<>();
		doc.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.putIfAbsent(f.getName(), f));
		for (OperationDefinition op : doc.getDefinitionsOfType(OperationDefinition.class)) {
			if (request.getOperationName() != null && op.getName() != null
					&& !op.getName().equals(request.getOperationName())) {
				continue;
			}
			for (String field : fields(op, fragments)) {
				String needed = needed(op.getOperation(), field);
				if (needed != null && !principal.has(needed)) {
					return Mono.just(refuse(request, "FORBIDDEN",
							"Token '" + principal.name() + "' lacks the " + needed + " role for " + field));
				}
			}
		}
		request.configureExecutionInput((input, builder) -> builder
			.graphQLContext(ctx -> ctx.put(Principal.ATTRIBUTE, principal)).build());
		return chain.next(request);
	}

	/**
	 * The operation's top-level fields, through its inline fragments and fragment spreads (a reader's
	 * {@code { ... on Query { tokens { name } } }} asks for {@code tokens}). A spread of a fragment the document does
	 * not define is {@link #UNKNOWN}, judged by the strictest rule (graphql-java refuses the document anyway).
	 */
	private static Set<String> fields(OperationDefinition op, Map<String, FragmentDefinition> fragments) {
		Set<String> out = new LinkedHashSet<>();
		collect(op.getSelectionSet(), fragments, new java.util.HashSet<>(), out);
		return out;
	}

	private static void collect(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> spread,
			Set<String> out) {
		if (set == null) {
			return;
		}
		for (Selection<?> s : set.getSelections()) {
			if (s instanceof Field f) {
				out.add(f.getName());
			}
			else if (s instanceof InlineFragment i) {
				collect(i.getSelectionSet(), fragments, spread, out);
			}
			else if (s instanceof FragmentSpread f) {
				FragmentDefinition d = fragments.get(f.getName());
				if (d == null) {
					out.add(UNKNOWN);
				}
				else if (spread.add(f.getName())) { // a cycle of fragments is graphql-java's to refuse
					collect(d.getSelectionSet(), fragments, spread, out);
				}
			}
			else {
				out.add(UNKNOWN);
			}
		}
	}

	/** What a field needs; {@link #UNKNOWN} needs ADMIN. */
	private static String needed(OperationDefinition.Operation operation, String field) {
		if (field.equals(UNKNOWN)) {
			return "ADMIN";
		}
		if (operation == OperationDefinition.Operation.MUTATION) {
			return INGEST_MUTATIONS.contains(field) ? "INGEST" : RESPONDER_MUTATIONS.contains(field) ? "RESPONDER"
					: APPROVER_MUTATIONS.contains(field) ? "CHANGE_APPROVER" : "ADMIN";
		}
		return ADMIN_QUERIES.contains(field) ? "ADMIN" : ANY_QUERIES.contains(field) ? null : "READ";
	}

	private static WebGraphQlResponse refuse(WebGraphQlRequest request, String code, String message) {
		var error = graphql.GraphqlErrorBuilder.newError().message(message)
			.errorType(org.springframework.graphql.execution.ErrorType.FORBIDDEN).extensions(Map.of("code", code)).build();
		var result = graphql.ExecutionResult.newExecutionResult().addError(error).build();
		return new WebGraphQlResponse(new org.springframework.graphql.support.DefaultExecutionGraphQlResponse(
				request.toExecutionInput(), result));
	}

}
