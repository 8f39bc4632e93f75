package org.fedcmdb.discovery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param hostOnStart discover this machine when the server starts
 * @param sampleEstate load the bundled sample estate on start
 */
@ConfigurationProperties("fedcmdb.discovery")
record DiscoveryProperties(@DefaultValue("true") boolean hostOnStart, @DefaultValue("false") boolean sampleEstate) {
}
