package org.fedcmdb.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.fedcmdb.graph.StartupException;

/**
 * Checks the configured tokens before any is used: each mistake stops start-up with one coded line naming the token
 * and what is wrong ({@code INVALID_TOKEN_CONFIG}), never a stack trace, and never a half-configured server.
 */
final class TokenConfigCheck {

	static final int MIN_SECRET = 16;

	private TokenConfigCheck() {
	}

	static void check(List<SecurityProperties.TokenDefinition> tokens) {
		Set<String> names = new HashSet<>();
		Set<String> secrets = new HashSet<>();
		for (int i = 0; i < tokens.size(); i++) {
			SecurityProperties.TokenDefinition t = tokens.get(i);
			String at = "fedcmdb.security.tokens[" + i + "]" + (t.name() == null ? "" : " '" + t.name() + "'");
			if (t.name() == null || t.name().isBlank()) {
				fail(at + " has no name", "give every token a name (it appears in logs and in the tokens query)");
			}
			if (!names.add(t.name())) {
				fail(at + ": the name is used by another token", "token names must be unique");
			}
			if (t.secret() == null || t.secret().length() < MIN_SECRET) {
				fail(at + ": the secret is " + (t.secret() == null ? "missing" : "shorter than " + MIN_SECRET + " characters"),
						"use a random secret of at least " + MIN_SECRET + " characters, e.g. openssl rand -base64 32");
			}
			if (!secrets.add(t.secret())) {
				fail(at + ": the secret is the secret of another token", "give every token its own secret");
			}
			if (t.roles().isEmpty()) {
				fail(at + " has no role", "set roles to some of " + TokenService.ROLES);
			}
			for (String role : t.roles()) {
				if (!TokenService.ROLES.contains(role)) {
					fail(at + " has unknown role '" + role + "'", "roles are some of " + TokenService.ROLES);
				}
			}
			if (!t.sources().isEmpty() && (!t.roles().contains("INGEST") || t.roles().contains("ADMIN"))) {
				fail(at + " limits sources " + t.sources() + (t.roles().contains("ADMIN")
						? " but is ADMIN, which may write every source" : " but has no INGEST role"),
						"sources only limit what an INGEST token may write: make it an INGEST token or remove sources");
			}
		}
	}

	private static void fail(String message, String action) {
		throw new StartupException("INVALID_TOKEN_CONFIG", message, action);
	}

}
