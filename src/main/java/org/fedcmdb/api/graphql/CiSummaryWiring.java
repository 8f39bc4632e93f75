package org.fedcmdb.api.graphql;

import org.fedcmdb.graph.CiView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * A CI's summary fields (id, class, name, status, criticality), read from its view by {@link SourceField}: completed
 * once per CI of every list the API answers (pages, blast radii, paths), so the lightest fetcher there is.
 */
@Configuration(proxyBeanMethods = false)
class CiSummaryWiring {

	@Bean
	RuntimeWiringConfigurer ciSummaryFields() {
		return wiring -> wiring.type("CI", type -> type.dataFetcher("id", new SourceField<>("id", CiView.class, CiView::id))
			.dataFetcher("class", new SourceField<>("class", CiView.class, CiView::className))
			.dataFetcher("name", new SourceField<>("name", CiView.class, CiView::name))
			.dataFetcher("status", new SourceField<>("status", CiView.class, CiView::status))
			.dataFetcher("criticality", new SourceField<>("criticality", CiView.class, CiView::criticality)));
	}

}
