package org.fedcmdb.catalogue;

/** A configuration mistake in the class catalogue or in rules that refer to it, with a machine-readable code. */
public class CatalogueException extends RuntimeException {

	private final String code;

	public CatalogueException(String code, String message) {
		super(message);
		this.code = code;
	}

	public String code() {
		return code;
	}

}
