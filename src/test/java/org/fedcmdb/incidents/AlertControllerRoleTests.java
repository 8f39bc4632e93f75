package org.fedcmdb.incidents;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.security.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The alerts endpoints check the caller's role themselves, not only through the authentication filter's reading of
 * the path: a caller without ALERTS (or with no principal at all) is refused before the body is read.
 */
class AlertControllerRoleTests {

	private final AlertController controller = new AlertController(null, new IncidentProperties(List.of(),
			Duration.ofMinutes(5), Duration.ofHours(1), 3, 500, Map.of(), 2, 10_000, 100, Duration.ofHours(6), 1, 3, null));

	@Test
	void aReaderOrNoOneIsRefusedBeforeTheBodyIsRead() {
		for (Principal caller : new Principal[] { new Principal("reader", Set.of("READ"), List.of()),
				new Principal("pipeline", Set.of("READ", "INGEST"), List.of()), null }) {
			assertThatThrownBy(() -> controller.generic(request(caller))).isInstanceOfSatisfying(AlertException.class,
					ex -> org.assertj.core.api.Assertions.assertThat(ex.code()).isEqualTo("FORBIDDEN"));
			assertThatThrownBy(() -> controller.alertmanager(request(caller))).isInstanceOfSatisfying(AlertException.class,
					ex -> org.assertj.core.api.Assertions.assertThat(ex.status()).isEqualTo(403));
		}
	}

	@Test
	void theAlertsRoleGoesOnToTheBody() {
		Principal alerts = new Principal("alertmanager", Set.of("ALERTS"), List.of());
		// the body is then what is refused: the role check let it through
		assertThatThrownBy(() -> controller.generic(request(alerts))).isInstanceOfSatisfying(AlertException.class,
				ex -> org.assertj.core.api.Assertions.assertThat(ex.code()).isNotEqualTo("FORBIDDEN"));
	}

	private static MockHttpServletRequest request(Principal caller) {
		MockHttpServletRequest r = new MockHttpServletRequest("POST", "/api/v1/alerts");
		r.setContentType("application/json");
		r.setContent("{}".getBytes());
		if (caller != null) {
			r.setAttribute(Principal.ATTRIBUTE, caller);
		}
		return r;
	}

}
