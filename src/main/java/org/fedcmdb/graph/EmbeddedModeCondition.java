package org.fedcmdb.graph;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Embedded mode is on exactly when neither {@code spring.neo4j.uri} nor {@code NEO4J_URI} names a server. */
class EmbeddedModeCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return externalUri(context.getEnvironment()) == null;
	}

	static String externalUri(org.springframework.core.env.Environment env) {
		String uri = env.getProperty("spring.neo4j.uri");
		if (!StringUtils.hasText(uri)) {
			uri = env.getProperty("NEO4J_URI");
		}
		return StringUtils.hasText(uri) ? uri.trim() : null;
	}

}
