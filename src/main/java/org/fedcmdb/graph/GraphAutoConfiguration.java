package org.fedcmdb.graph;

import ac.simons.neo4j.migrations.springframework.boot.autoconfigure.MigrationsAutoConfiguration;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.neo4j.autoconfigure.Neo4jAutoConfiguration;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Schema migrations with neo4j-migrations. Its 2.3.1 auto-configuration orders itself after Boot 3's
 * {@code Neo4jAutoConfiguration}, which no longer exists under Boot 4, and then silently does nothing; so it is
 * excluded in {@code application.yml} and imported here, after Boot 4's. Migrations wait for the connectivity check so
 * an external server that is still starting is retried rather than failing the migration.
 */
@AutoConfiguration(after = Neo4jAutoConfiguration.class)
@Import(MigrationsAutoConfiguration.class)
public class GraphAutoConfiguration {

	static final String CONNECTIVITY_BEAN = "fedcmdbNeo4jConnectivity";

	@Bean(name = CONNECTIVITY_BEAN)
	Neo4jConnectivity fedcmdbNeo4jConnectivity(Driver driver, Neo4jConnectionDetails details,
			GraphProperties properties) {
		Neo4jConnectivity connectivity = new Neo4jConnectivity(driver, details, properties.neo4j().connectTimeout());
		connectivity.verify();
		return connectivity;
	}

	@Bean
	static BeanFactoryPostProcessor migrationsAfterConnectivity() {
		return (ConfigurableListableBeanFactory factory) -> {
			// The library's initializer type is package-private; it is registered under this bean name.
			if (factory.containsBeanDefinition("neo4jMigrationsInitializer")) {
				factory.getBeanDefinition("neo4jMigrationsInitializer").setDependsOn(CONNECTIVITY_BEAN);
			}
		};
	}

}
