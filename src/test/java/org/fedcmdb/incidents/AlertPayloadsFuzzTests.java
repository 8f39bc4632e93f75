package org.fedcmdb.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The alert receivers' payload reading on arbitrary bytes, as Alertmanager webhook and as the generic shape: read, or
 * refused with a coded {@link AlertException}, nothing else. Seeds are the real captured payloads; fuzz with
 * {@code ./mvnw -Pfuzz test -Dtest=AlertPayloadsFuzzTests}.
 */
class AlertPayloadsFuzzTests {

	static final AlertPayloads PAYLOADS = new AlertPayloads(1_000, 100);

	static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

	@FuzzTest(maxDuration = "2m")
	void aNotificationIsReadOrRefusedWithACode(byte[] input) {
		for (boolean alertmanager : new boolean[] { true, false }) {
			try {
				AlertPayloads.Notification n = alertmanager ? PAYLOADS.alertmanager(input, NOW) : PAYLOADS.generic(input, NOW);
				assertThat(n.alerts()).allSatisfy(a -> assertThat(a.fingerprint()).isNotBlank());
			}
			catch (AlertException refused) {
				assertThat(refused.code()).matches("[A-Z_]+");
				assertThat(refused.status()).isBetween(400, 499);
			}
		}
	}

}
