package org.fedcmdb.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bearer tokens: {@code fedcmdb.security.tokens[i].name/secret/roles/sources}. Roles are READ, INGEST, ALERTS (alert receivers), RESPONDER (incident actions), CHANGE_APPROVER (CAB) and ADMIN;
 * {@code sources} limits an INGEST token to the data sources it may write (patterns ending in * allowed; empty: all).
 * Secrets are hashed at start and never kept or logged in clear.
 */
@ConfigurationProperties("fedcmdb.security")
record SecurityProperties(@DefaultValue("true") boolean enabled, @DefaultValue List<TokenDefinition> tokens) {

	record TokenDefinition(String name, String secret, @DefaultValue List<String> roles,
			@DefaultValue List<String> sources) {
	}

}
