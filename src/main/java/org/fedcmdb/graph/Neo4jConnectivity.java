package org.fedcmdb.graph;

import java.time.Duration;
import java.time.Instant;

import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;

/**
 * Waits for the database before anything uses it: an external server that is still starting (a compose stack, a
 * cluster electing a leader) is retried with exponential backoff for a bounded time; a wrong password fails at once.
 * Either way the operator gets one coded line instead of a driver stack trace.
 */
class Neo4jConnectivity {

	private static final Logger log = LoggerFactory.getLogger(Neo4jConnectivity.class);

	private final Driver driver;

	private final Neo4jConnectionDetails details;

	private final Duration timeout;

	Neo4jConnectivity(Driver driver, Neo4jConnectionDetails details, Duration timeout) {
		this.driver = driver;
		this.details = details;
		this.timeout = timeout;
	}

	void verify() {
		Instant deadline = Instant.now().plus(timeout);
		long backoffMs = 250;
		while (true) {
			try {
				driver.verifyConnectivity();
				return;
			}
			catch (AuthenticationException ex) {
				throw new StartupException("NEO4J_AUTH_FAILED",
						"Neo4j at " + details.getUri() + " refused the credentials: " + ex.getMessage(),
						"Check NEO4J_USERNAME / NEO4J_PASSWORD (or spring.neo4j.authentication.*).");
			}
			catch (SecurityException ex) {
				throw new StartupException("NEO4J_SECURITY", "Neo4j at " + details.getUri() + ": " + ex.getMessage(),
						"Check the URI scheme (bolt+s/neo4j+s) and the server's certificates.");
			}
			catch (ServiceUnavailableException | SessionExpiredException ex) {
				if (Instant.now().plusMillis(backoffMs).isAfter(deadline)) {
					throw new StartupException("NEO4J_UNREACHABLE",
							"Neo4j at " + details.getUri() + " was unreachable for " + timeout.toSeconds() + " s: "
									+ ex.getMessage(),
							"Start the database or fix NEO4J_URI; raise fedcmdb.neo4j.connect-timeout for slow starts.");
				}
				log.warn("Neo4j at {} not reachable yet ({}); retrying in {} ms", details.getUri(), ex.getMessage(),
						backoffMs);
				sleep(backoffMs);
				backoffMs = Math.min(backoffMs * 2, 5000);
			}
		}
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StartupException("INTERRUPTED", "Interrupted while waiting for Neo4j", "Start again.");
		}
	}

}
