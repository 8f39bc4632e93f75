package org.fedcmdb.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.fedcmdb.graph.StartupException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenConfigCheckTests {

	static final String SECRET = "0123456789abcdef-secret";

	static SecurityProperties.TokenDefinition token(String name, String secret, List<String> roles, List<String> sources) {
		return new SecurityProperties.TokenDefinition(name, secret, roles, sources);
	}

	static List<Arguments> mistakes() {
		return List.of(
				Arguments.of(List.of(token("alerts", SECRET, List.of("ALERT"), List.of())), "'alerts' has unknown role 'ALERT'"),
				Arguments.of(List.of(token("short", "abc", List.of("READ"), List.of())), "'short': the secret is shorter than 16"),
				Arguments.of(List.of(token("nosecret", null, List.of("READ"), List.of())), "'nosecret': the secret is missing"),
				Arguments.of(List.of(token("a", SECRET, List.of("READ"), List.of()),
						token("a", SECRET + "2", List.of("READ"), List.of())), "tokens[1] 'a': the name is used by another token"),
				Arguments.of(List.of(token("a", SECRET, List.of("READ"), List.of()),
						token("b", SECRET, List.of("READ"), List.of())), "tokens[1] 'b': the secret is the secret of another token"),
				Arguments.of(List.of(token("reader", SECRET, List.of("READ"), List.of("nmap*"))),
						"'reader' limits sources [nmap*] but has no INGEST role"),
				Arguments.of(List.of(token("boss", SECRET, List.of("ADMIN"), List.of("nmap*"))),
						"'boss' limits sources [nmap*] but is ADMIN"),
				Arguments.of(List.of(token(null, SECRET, List.of("READ"), List.of())), "tokens[0] has no name"),
				Arguments.of(List.of(token("none", SECRET, List.of(), List.of())), "'none' has no role"));
	}

	@ParameterizedTest
	@MethodSource("mistakes")
	void eachMistakeIsOneCodedLineNamingTheToken(List<SecurityProperties.TokenDefinition> tokens, String message) {
		assertThatThrownBy(() -> TokenConfigCheck.check(tokens)).isInstanceOf(StartupException.class)
			.hasMessageContaining(message)
			.satisfies(ex -> org.assertj.core.api.Assertions.assertThat(((StartupException) ex).code())
				.isEqualTo("INVALID_TOKEN_CONFIG"))
			.satisfies(ex -> org.assertj.core.api.Assertions.assertThat(ex.getMessage()).doesNotContain(SECRET));
	}

	@org.junit.jupiter.api.Test
	void aGoodConfigurationPasses() {
		assertThatCode(() -> TokenConfigCheck.check(List.of(token("admin", SECRET, List.of("ADMIN"), List.of()),
				token("nmap", SECRET + "x", List.of("INGEST"), List.of("nmap*")),
				token("reader", SECRET + "y", List.of("READ"), List.of())))).doesNotThrowAnyException();
	}

}
