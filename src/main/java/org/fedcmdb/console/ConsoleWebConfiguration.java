package org.fedcmdb.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The console at {@code /console/} (and {@code /}), GraphiQL at {@code /graphiql}: static pages from the jar. */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/", "/console/");
		registry.addRedirectViewController("/console", "/console/");
		registry.addViewController("/console/").setViewName("forward:/console/index.html");
		registry.addViewController("/graphiql").setViewName("forward:/graphiql/index.html");
		registry.addRedirectViewController("/graphiql/", "/graphiql");
	}

}
