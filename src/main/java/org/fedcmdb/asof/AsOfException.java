package org.fedcmdb.asof;

import org.fedcmdb.graph.CodedException;

/** A refused as-of or graphDiff question, with the code clients act on. */
public class AsOfException extends CodedException {

	public AsOfException(String code, String message) {
		super(400, code, message);
	}

}
