package org.fedcmdb.graph;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.SecurityException;

/**
 * Another local process trying the embedded database's Bolt port: {@code BoltProbe <uri> [user password]}. Exit code
 * 0 when it could read the graph, 3 when authentication was refused (a driver SecurityException), 4 on any other failure.
 */
public final class BoltProbe {

	private BoltProbe() {
	}

	public static void main(String[] args) {
		AuthToken auth = args.length >= 3 ? AuthTokens.basic(args[1], args[2]) : AuthTokens.none();
		try (Driver driver = GraphDatabase.driver(args[0], auth)) {
			driver.executableQuery("MATCH (c:CI) RETURN count(c) AS n").execute();
			System.exit(0);
		}
		catch (SecurityException ex) {
			System.err.println("refused: " + ex.getMessage());
			System.exit(3);
		}
		catch (RuntimeException ex) {
			System.err.println("failed: " + ex);
			System.exit(4);
		}
	}

}
