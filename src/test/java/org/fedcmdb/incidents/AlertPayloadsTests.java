package org.fedcmdb.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The Alertmanager payload parser on real captured payloads (see fixtures/SOURCES.md) and on broken ones. */
class AlertPayloadsTests {

	final AlertPayloads payloads = new AlertPayloads(10_000, 100);

	final Instant now = Instant.parse("2026-12-02T00:00:00Z");

	static byte[] fixture(String name) throws IOException {
		try (InputStream in = AlertPayloadsTests.class.getResourceAsStream("/fixtures/alertmanager/" + name)) {
			return in.readAllBytes();
		}
	}

	@Test
	void aCurrentPayloadWithThreeAlerts() throws IOException {
		AlertPayloads.Notification n = payloads.alertmanager(fixture("msteams_firing_3_alerts.json"), now);
		assertThat(n.alerts()).hasSize(3);
		assertThat(n.receiver()).isEqualTo("whatever_promstack_with_resolve");
		Alert a = n.alerts().get(0);
		assertThat(a.fingerprint()).isEqualTo("ff6a7a0f5f1c1309");
		assertThat(a.firing()).isTrue();
		assertThat(a.endsAt()).isNull(); // 0001-01-01T00:00:00Z is Alertmanager's "no end"
		assertThat(a.startsAt()).isEqualTo(Instant.parse("2020-10-11T14:34:11.279383004Z"));
		assertThat(a.labels()).containsEntry("namespace", "whatever/promstack").containsEntry("severity", "info");
		assertThat(a.annotations()).containsKey("summary");
		assertThat(a.key()).isEqualTo("ff6a7a0f5f1c1309|" + a.startsAt().toEpochMilli());
	}

	@Test
	void aResolvedPayloadWithAnOffsetTimeAndNoFingerprint() throws IOException {
		AlertPayloads.Notification n = payloads.alertmanager(fixture("alertmanager-bot_resolved.json"), now);
		Alert a = n.alerts().get(0);
		assertThat(a.firing()).isFalse();
		assertThat(a.endsAt()).isEqualTo(Instant.parse("2018-11-04T21:48:13.283995108Z"));
		// derived from the labels: the same alert gets the same one every time
		assertThat(a.fingerprint()).hasSize(16).isEqualTo(AlertPayloads.fingerprint(a.labels()));
	}

	@Test
	void anOlderPayloadWithoutPerAlertStatusTakesTheGroups() throws IOException {
		AlertPayloads.Notification n = payloads.alertmanager(fixture("msteams_prom_post_request.json"), now);
		assertThat(n.alerts()).hasSize(1);
		assertThat(n.alerts().get(0).fingerprint()).isNotBlank();
	}

	@Test
	void aCapturedPayloadWithGoEscapes() throws IOException {
		Alert a = payloads.alertmanager(fixture("alerta_heartbeat_firing.json"), now).alerts().get(0);
		assertThat(a.fingerprint()).isEqualTo("fc635810a7f52b9d");
		assertThat(a.generatorUrl()).contains("&");
		assertThat(a.labels()).containsEntry("service", "Monitoring");
	}

	@Test
	void brokenPayloadsAreCodedErrors() {
		assertCode(() -> payloads.alertmanager("[]".getBytes(), now), "MALFORMED_JSON");
		assertCode(() -> payloads.alertmanager("{\"version\":\"5\",\"alerts\":[]}".getBytes(), now), "UNSUPPORTED_VERSION");
		assertCode(() -> payloads.alertmanager("{\"version\":4,\"alerts\":[]}".getBytes(), now), "UNSUPPORTED_VERSION");
		assertCode(() -> payloads.alertmanager("{\"version\":\"4\"}".getBytes(), now), "INVALID_ALERT");
		assertCode(() -> payloads.alertmanager(("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":1},"
				+ "\"startsAt\":\"2020-01-01T00:00:00Z\"}]}").getBytes(), now), "INVALID_ALERT");
		assertCode(() -> payloads.alertmanager(("{\"version\":\"4\",\"alerts\":[{\"status\":\"resolved\",\"labels\":{\"a\":\"b\"},"
				+ "\"startsAt\":\"2020-01-02T00:00:00Z\",\"endsAt\":\"2020-01-01T00:00:00Z\"}]}").getBytes(), now), "INVALID_ALERT");
		assertCode(() -> payloads.generic("{\"alerts\":[]}".getBytes(), now), "INVALID_ALERT");
		assertCode(() -> new AlertPayloads(2, 100).alertmanager(("{\"version\":\"4\",\"alerts\":[{},{},{}]}").getBytes(), now),
				"TOO_MANY_ALERTS");
	}

	static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
		assertThatThrownBy(call).isInstanceOf(AlertException.class)
			.satisfies(ex -> assertThat(((AlertException) ex).code()).isEqualTo(code));
	}

}
