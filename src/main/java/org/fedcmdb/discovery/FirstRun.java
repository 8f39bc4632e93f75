package org.fedcmdb.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import org.fedcmdb.agents.ThisHost;
import org.fedcmdb.graph.Json;
import org.fedcmdb.ingest.SnapshotService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Gives a new server something real to look at: this machine, discovered by the host agent, and optionally the
 * bundled sample estate. Both post through the same snapshot pipeline as every remote agent.
 */
@Component
class FirstRun {

	private static final Logger log = LoggerFactory.getLogger(FirstRun.class);

	private final SnapshotService snapshots;

	private final DiscoveryProperties properties;

	FirstRun(SnapshotService snapshots, DiscoveryProperties properties) {
		this.snapshots = snapshots;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		if (properties.sampleEstate()) {
			loadSampleEstate();
		}
		if (properties.hostOnStart()) {
			discoverThisHost();
		}
	}

	void discoverThisHost() {
		try {
			ThisHost.Discovered host = ThisHost.discover(Instant.now());
			var accepted = snapshots.submit(Json.MAPPER.writeValueAsBytes(host.snapshot()));
			log.info("Host agent: posted {} ({}) as snapshot {}", host.hostName(), host.osFamily(),
					accepted.snapshotId());
		}
		catch (RuntimeException ex) {
			log.warn("Host agent could not discover this machine: {}", ex.toString());
		}
	}

	void loadSampleEstate() {
		try (InputStream in = new ClassPathResource("fedcmdb/sample-estate.json").getInputStream()) {
			var accepted = snapshots.submit(in.readAllBytes());
			log.info("Sample estate posted as snapshot {}", accepted.snapshotId());
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Sample estate could not be loaded: {}", ex.toString());
		}
	}

}
