package org.fedcmdb.api.graphql;

import java.util.List;
import java.util.Map;

import graphql.GraphQLContext;
import org.fedcmdb.security.ApiToken;
import org.fedcmdb.security.Principal;
import org.fedcmdb.security.TokenService;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Token management at run time (admin only; the interceptor checks, and so does this controller). */
@Controller
class TokenController {

	private final TokenService tokens;

	TokenController(TokenService tokens) {
		this.tokens = tokens;
	}

	private void requireAdmin(GraphQLContext ctx) {
		Object p = ctx.get(Principal.ATTRIBUTE);
		if (tokens.enabled() && !(p instanceof Principal principal && principal.has("ADMIN"))) {
			throw AdminController.error("FORBIDDEN", "token management needs the ADMIN role");
		}
	}

	@QueryMapping
	List<ApiToken> tokens(GraphQLContext ctx) {
		requireAdmin(ctx);
		return tokens.list();
	}

	@MutationMapping
	Map<String, Object> createToken(@Argument String name, @Argument List<String> roles, @Argument List<String> sources,
			GraphQLContext ctx) {
		requireAdmin(ctx);
		try {
			String secret = tokens.create(name, roles, sources == null ? List.of() : sources);
			return Map.of("name", name, "secret", secret, "roles", roles, "sources", sources == null ? List.of() : sources);
		}
		catch (IllegalArgumentException ex) {
			throw AdminController.error("INVALID_ARGUMENT", ex.getMessage());
		}
	}

	@MutationMapping
	boolean revokeToken(@Argument String name, GraphQLContext ctx) {
		requireAdmin(ctx);
		return tokens.revoke(name);
	}

}
