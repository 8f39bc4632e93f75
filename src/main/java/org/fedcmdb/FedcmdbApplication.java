package org.fedcmdb;

import org.fedcmdb.backup.BackupCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * fedcmdb: federates several sources of truth about an IT estate into one Neo4j graph of configuration items.
 * With no Neo4j URI configured it runs on an embedded database so that one command gives a working server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class FedcmdbApplication {

	public static void main(String[] args) {
		if (BackupCommand.handles(args)) {
			System.exit(BackupCommand.run(args, FedcmdbApplication.class));
		}
		SpringApplication.run(FedcmdbApplication.class, args);
	}

}
