package org.fedcmdb.catalogue;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A wrong class catalogue or rules file stops the server with the file's problem in one line. */
class CatalogueFailureAnalyzer extends AbstractFailureAnalyzer<CatalogueException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CatalogueException cause) {
		return new FailureAnalysis("[" + cause.code() + "] " + cause.getMessage(),
				"Fix the class catalogue or rules file named above (see README, 'The graph model' and "
						+ "'Identification and reconciliation').",
				cause);
	}

}
