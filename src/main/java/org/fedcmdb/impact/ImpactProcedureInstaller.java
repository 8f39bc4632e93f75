package org.fedcmdb.impact;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.exceptions.KernelException;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Installs {@link ImpactProcedure} in the embedded database at start. Against an external server there is no embedded
 * database here: the procedure is used when the server has it as a plugin, the Cypher traversal otherwise.
 */
@Component
class ImpactProcedureInstaller {

	private static final Logger log = LoggerFactory.getLogger(ImpactProcedureInstaller.class);

	ImpactProcedureInstaller(ObjectProvider<DatabaseManagementService> embedded) {
		DatabaseManagementService dbms = embedded.getIfAvailable();
		if (dbms != null) {
			try {
				GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
				db.getDependencyResolver().resolveDependency(GlobalProcedures.class).registerProcedure(ImpactProcedure.class);
			}
			catch (KernelException | RuntimeException ex) {
				log.warn("Could not install the in-database impact traversal ({}); blast radius uses Cypher", ex.getMessage());
			}
		}
	}

}
