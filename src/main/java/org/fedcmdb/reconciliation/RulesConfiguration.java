package org.fedcmdb.reconciliation;

import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.fedcmdb.catalogue.CatalogueException;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Loads the reconciliation rules file and validates it against the class catalogue at start. */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

	@ConfigurationProperties("fedcmdb.reconciliation")
	record RulesProperties(@DefaultValue("classpath:fedcmdb/rules.yml") String rulesLocation) {
	}

	record SourceFile(String name, String staleAfter, Boolean insertAllowed, List<String> insertDeniedClasses,
			String description) {
	}

	record RuleFile(String className, String attribute, List<String> sources) {
	}

	record Withdrawal(Double maxShare) {
	}

	record RulesFile(List<SourceFile> sources, List<java.util.Map<String, Object>> authority, String retireAfter,
			Withdrawal withdrawal) {
	}

	@Bean
	RulesConfig rulesConfig(ResourceLoader loader, RulesProperties properties, ClassCatalogue catalogue) {
		return load(loader.getResource(properties.rulesLocation()), properties.rulesLocation(), catalogue);
	}

	@Bean
	Reconciler reconciler(RulesConfig rules) {
		return new Reconciler(rules);
	}

	@SuppressWarnings("unchecked")
	static RulesConfig load(Resource resource, String location, ClassCatalogue catalogue) {
		if (!resource.exists()) {
			throw new CatalogueException("RULES_NOT_FOUND", "Rules file " + location + " does not exist");
		}
		YAMLMapper mapper = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		try (InputStream in = resource.getInputStream()) {
			RulesFile file = mapper.readValue(in, RulesFile.class);
			List<SourceDefinition> sources = new ArrayList<>();
			for (SourceFile s : file.sources() == null ? List.<SourceFile>of() : file.sources()) {
				sources.add(new SourceDefinition(s.name(), duration(s.staleAfter(), "staleAfter of " + s.name()),
						s.insertAllowed() == null || s.insertAllowed(),
						s.insertDeniedClasses() == null ? List.of() : s.insertDeniedClasses(), s.description()));
			}
			List<AuthorityRule> rules = new ArrayList<>();
			for (var r : file.authority() == null ? List.<java.util.Map<String, Object>>of() : file.authority()) {
				rules.add(new AuthorityRule((String) r.get("class"), (String) r.get("attribute"),
						(List<String>) r.get("sources")));
			}
			double share = file.withdrawal() == null || file.withdrawal().maxShare() == null ? 0.5
					: file.withdrawal().maxShare();
			return new RulesConfig(sources, rules,
					file.retireAfter() == null ? Duration.ofDays(30) : duration(file.retireAfter(), "retireAfter"),
					share, catalogue.names());
		}
		catch (CatalogueException ex) {
			throw ex;
		}
		catch (Exception ex) {
			String message = ex.getMessage() == null ? ex.toString() : ex.getMessage().lines().findFirst().orElse("");
			throw new CatalogueException("INVALID_RULES", "Rules file " + location + ": " + message);
		}
	}

	private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

	static Duration duration(String text, String what) {
		if (text == null) {
			throw new IllegalArgumentException(what + " is missing");
		}
		Matcher m = SHORT.matcher(text.trim());
		if (m.matches()) {
			long n = Long.parseLong(m.group(1));
			return switch (m.group(2)) {
				case "ms" -> Duration.ofMillis(n);
				case "s" -> Duration.ofSeconds(n);
				case "m" -> Duration.ofMinutes(n);
				case "h" -> Duration.ofHours(n);
				default -> Duration.ofDays(n);
			};
		}
		try {
			return Duration.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(what + " '" + text + "' is not a duration (use 90m, 12h, 7d or ISO-8601)");
		}
	}

}
