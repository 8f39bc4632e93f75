package org.fedcmdb.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API described as OpenAPI 3.1 at {@code /v3/api-docs} (and {@code /v3/api-docs.yaml}): springdoc reads the
 * paths, methods and parameters off the controllers, {@link OpenApiContract} adds what the code cannot say (bodies,
 * answers, error codes). GraphQL describes itself by introspection at {@code /graphql}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearer";

	@Bean
	OpenAPI fedcmdbOpenApi() {
		return new OpenAPI()
			.info(new Info().title("fedcmdb REST API").version("v1")
				.description("Snapshots from discovery, the change gate, alerts, the event feed and backups. Every "
						+ "endpoint but GitHub's webhook takes `Authorization: Bearer <token>`; `x-required-role` "
						+ "names the role it needs. Errors are `{code, message, status}` with a stable `code`. A "
						+ "path not spelled as documented here (a dot segment, `//`, a `;` parameter, a backslash or "
						+ "percent-encoding) is refused before anything else with 400 `INVALID_PATH`. "
						+ "The graph itself is queried over GraphQL at /graphql (schema by introspection).")
				.license(new License().name("GPL-3.0-or-later").identifier("GPL-3.0-or-later")))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
						.description("A token from fedcmdb.security.tokens or createToken")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER))
			.addTagsItem(new Tag().name("snapshots").description("Discovery snapshots in, their status out"))
			.addTagsItem(new Tag().name("changes").description("The change gate for pipelines"))
			.addTagsItem(new Tag().name("alerts").description("Monitoring alerts in, correlated incidents out"))
			.addTagsItem(new Tag().name("events").description("Every change fedcmdb makes, as a feed"))
			.addTagsItem(new Tag().name("admin").description("Backup and restore"));
	}

	@Bean
	OpenApiCustomizer restContract() {
		return OpenApiContract.load("openapi/rest-contract.yaml");
	}

}
