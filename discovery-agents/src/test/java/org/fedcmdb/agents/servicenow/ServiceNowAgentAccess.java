package org.fedcmdb.agents.servicenow;

import java.util.Map;

/** The built-in class mapping, for tests in other packages. */
public final class ServiceNowAgentAccess {

	private ServiceNowAgentAccess() {
	}

	public static Map<String, String> classes() {
		return ServiceNowAgent.CLASSES;
	}

}
