package org.fedcmdb.agents;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Lets tests in other packages run the command line without System.exit. */
public final class AgentMainAccess {

	private AgentMainAccess() {
	}

	public static int run(String[] args, ByteArrayOutputStream out, ByteArrayOutputStream err) {
		return AgentMain.run(args, new PrintStream(out, true), new PrintStream(err, true));
	}

}
