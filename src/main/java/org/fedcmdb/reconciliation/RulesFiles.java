package org.fedcmdb.reconciliation;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.springframework.core.io.DefaultResourceLoader;

/** Loads a rules file outside Spring (tests, tools), validated exactly as the server does. */
public final class RulesFiles {

	private RulesFiles() {
	}

	public static RulesConfig load(String location, ClassCatalogue catalogue) {
		return RulesConfiguration.load(new DefaultResourceLoader().getResource(location), location, catalogue);
	}

	public static RulesConfig builtIn(ClassCatalogue catalogue) {
		return load("classpath:fedcmdb/rules.yml", catalogue);
	}

}
