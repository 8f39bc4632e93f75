package org.fedcmdb.catalogue;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.DefaultResourceLoader;

/** Loads class catalogues outside Spring: tests, standalone tools and the benchmark use the same files as the server. */
public final class CatalogueFiles {

	private CatalogueFiles() {
	}

	/** The built-in catalogue plus {@code extra} locations ({@code classpath:} or {@code file:}), in order. */
	public static ClassCatalogue load(String... extra) {
		List<String> locations = new ArrayList<>();
		locations.add(CatalogueConfiguration.BUILT_IN);
		locations.addAll(List.of(extra));
		return CatalogueConfiguration.load(new DefaultResourceLoader(), locations);
	}

}
