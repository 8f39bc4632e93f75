package org.fedcmdb.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.fedcmdb.security.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The change endpoints that ask for or move a change check the caller's role themselves, not only through the
 * authentication filter's reading of the path.
 */
class ChangeControllerRoleTests {

	private final ChangeController controller = new ChangeController(null, null, null, null, null, null);

	@Test
	void aReaderOrNoOneMayNeitherAskForNorMoveAChange() {
		for (Principal caller : new Principal[] { new Principal("reader", Set.of("READ"), List.of()),
				new Principal("alertmanager", Set.of("ALERTS"), List.of()), null }) {
			MockHttpServletRequest r = request(caller);
			for (org.assertj.core.api.ThrowableAssert.ThrowingCallable call : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
					() -> controller.request(r), () -> controller.start("chg-1", r), () -> controller.complete("chg-1", r),
					() -> controller.cancel("chg-1", r))) {
				assertThatThrownBy(call).isInstanceOfSatisfying(ChangeException.class, ex -> {
					assertThat(ex.status()).isEqualTo(403);
					assertThat(ex.code()).isEqualTo("FORBIDDEN");
				});
			}
		}
	}

	@Test
	void anIngestOrAdminCallerPassesTheCheck() {
		assertThatCode(() -> ChangeController.requireIngestRole(request(new Principal("pipeline", Set.of("INGEST"), List.of()))))
			.doesNotThrowAnyException();
		assertThatCode(() -> ChangeController.requireIngestRole(request(new Principal("admin", Set.of("ADMIN"), List.of()))))
			.doesNotThrowAnyException();
		assertThatCode(() -> ChangeController.requireIngestRole(request(Principal.UNRESTRICTED))).doesNotThrowAnyException();
	}

	private static MockHttpServletRequest request(Principal caller) {
		MockHttpServletRequest r = new MockHttpServletRequest("POST", "/api/v1/changes");
		r.setContentType("application/json");
		r.setContent("{}".getBytes());
		if (caller != null) {
			r.setAttribute(Principal.ATTRIBUTE, caller);
		}
		return r;
	}

}
