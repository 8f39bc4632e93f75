package org.fedcmdb.graph;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Gives the operator the one-line reason and the fix for start-up failures fedcmdb knows, not a stack trace. */
class StartupFailureAnalyzer extends AbstractFailureAnalyzer<StartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StartupException cause) {
		return new FailureAnalysis("[" + cause.code() + "] " + cause.getMessage(), cause.action(), cause);
	}

}
