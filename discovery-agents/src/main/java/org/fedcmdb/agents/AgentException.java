package org.fedcmdb.agents;

/** A source that could not be read (unreachable API, unreadable file); the run fails and posts nothing. */
public class AgentException extends Exception {

	public AgentException(String message) {
		super(message);
	}

	public AgentException(String message, Throwable cause) {
		super(message, cause);
	}

}
