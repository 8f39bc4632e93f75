package org.fedcmdb.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Loads the built-in class catalogue and any files listed in {@code fedcmdb.catalogue.locations}, in order. */
@Configuration(proxyBeanMethods = false)
class CatalogueConfiguration {

	static final String BUILT_IN = "classpath:fedcmdb/classes.yml";

	@ConfigurationProperties("fedcmdb.catalogue")
	record CatalogueProperties(@DefaultValue List<String> locations) {
	}

	record CatalogueFile(List<ClassCatalogue.Definition> classes, Map<String, String> identifiers,
			List<String> multiValued, Map<String, List<String>> sharedValues) {
	}

	@Bean
	ClassCatalogue classCatalogue(ResourceLoader loader, CatalogueProperties properties) {
		List<String> locations = new ArrayList<>();
		locations.add(BUILT_IN);
		locations.addAll(properties.locations());
		return load(loader, locations);
	}

	static ClassCatalogue load(ResourceLoader loader, List<String> locations) {
		YAMLMapper mapper = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		List<ClassCatalogue.Definition> definitions = new ArrayList<>();
		Map<String, String> identifiers = new LinkedHashMap<>();
		Set<String> multi = new LinkedHashSet<>();
		Map<String, List<String>> shared = new LinkedHashMap<>();
		for (String location : locations) {
			Resource resource = loader.getResource(location);
			if (!resource.exists()) {
				throw new CatalogueException("CATALOGUE_NOT_FOUND", "Class catalogue " + location + " does not exist");
			}
			try (InputStream in = resource.getInputStream()) {
				CatalogueFile file = mapper.readValue(in, CatalogueFile.class);
				if (file.classes() != null) {
					definitions.addAll(file.classes());
				}
				if (file.identifiers() != null) {
					identifiers.putAll(file.identifiers());
				}
				if (file.multiValued() != null) {
					multi.addAll(file.multiValued());
				}
				if (file.sharedValues() != null) {
					shared.putAll(file.sharedValues()); // a later file's list for a kind replaces the earlier one
				}
			}
			catch (IOException | JacksonException ex) {
				throw new CatalogueException("INVALID_CATALOGUE",
						"Class catalogue " + location + " cannot be read: " + ex.getMessage().lines().findFirst().orElse(""));
			}
		}
		return ClassCatalogue.of(definitions, identifiers, multi, shared);
	}

}
