package org.fedcmdb.security;

import java.util.List;
import java.util.Set;

/**
 * The caller, as the bearer token says. Put on each request (attribute {@link #ATTRIBUTE}) and into the GraphQL
 * context, where controllers check roles and source scopes.
 */
public record Principal(String name, Set<String> roles, List<String> sources) {

	public static final String ATTRIBUTE = "fedcmdb.principal";

	/** The caller when security is switched off: everything allowed. */
	public static final Principal UNRESTRICTED = new Principal("anonymous", Set.of("READ", "INGEST", "ADMIN"), List.of());

	public boolean has(String role) {
		return roles.contains("ADMIN") || roles.contains(role);
	}

	/** May this caller write snapshots of {@code source}? */
	public boolean mayIngest(String source) {
		if (roles.contains("ADMIN")) {
			return true;
		}
		if (!roles.contains("INGEST")) {
			return false;
		}
		return sources.isEmpty() || sources.stream().anyMatch(p -> p.endsWith("*")
				? source.startsWith(p.substring(0, p.length() - 1)) : p.equals(source));
	}

}
