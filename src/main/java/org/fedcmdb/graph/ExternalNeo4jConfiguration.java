package org.fedcmdb.graph;

import java.net.URI;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Connection to an external Neo4j server or cluster, from {@code spring.neo4j.*} or the conventional
 * {@code NEO4J_URI} / {@code NEO4J_USERNAME} / {@code NEO4J_PASSWORD} environment variables used by Neo4j's own tools
 * and images. {@code neo4j://} URIs give routing across a cluster through the driver; nothing else changes.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ExternalNeo4jConfiguration.ExternalModeCondition.class)
class ExternalNeo4jConfiguration {

	@Bean
	Neo4jConnectionDetails externalConnectionDetails(Environment env) {
		URI uri = URI.create(EmbeddedModeCondition.externalUri(env));
		String user = first(env, "spring.neo4j.authentication.username", "NEO4J_USERNAME");
		String password = first(env, "spring.neo4j.authentication.password", "NEO4J_PASSWORD");
		AuthToken token = StringUtils.hasText(user) ? AuthTokens.basic(user, password == null ? "" : password)
				: AuthTokens.none();
		return new Neo4jConnectionDetails() {
			@Override
			public URI getUri() {
				return uri;
			}

			@Override
			public AuthToken getAuthToken() {
				return token;
			}
		};
	}

	private static String first(Environment env, String... keys) {
		for (String key : keys) {
			String value = env.getProperty(key);
			if (StringUtils.hasText(value)) {
				return value;
			}
		}
		return null;
	}

	static class ExternalModeCondition extends EmbeddedModeCondition {

		@Override
		public boolean matches(org.springframework.context.annotation.ConditionContext context,
				org.springframework.core.type.AnnotatedTypeMetadata metadata) {
			return !super.matches(context, metadata);
		}

	}

}
