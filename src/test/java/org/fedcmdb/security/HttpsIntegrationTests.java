package org.fedcmdb.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * HTTPS through a Spring SSL bundle, as the README documents it: a real certificate made by the JDK's keytool, a real
 * TLS handshake, and a client that trusts only that certificate. Plain HTTP on the TLS port gets nowhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class HttpsIntegrationTests {

	private static final String PASSWORD = "changeit-" + Long.toHexString(System.nanoTime());

	private static final Path KEYSTORE;

	static {
		try {
			Path dir = Files.createTempDirectory("fedcmdb-tls");
			KEYSTORE = dir.resolve("server.p12");
			Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
					"-genkeypair", "-alias", "fedcmdb", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
					"CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
					"-keystore", KEYSTORE.toString(), "-storepass", PASSWORD)
				.redirectErrorStream(true)
				.start();
			String out = new String(p.getInputStream().readAllBytes());
			if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
				throw new IllegalStateException("keytool failed: " + out);
			}
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		registry.add("fedcmdb.data-dir", () -> tempDir("fedcmdb-https"));
		registry.add("fedcmdb.discovery.host-on-start", () -> "false");
		registry.add("fedcmdb.embedded.page-cache-bytes", () -> "67108864");
		registry.add("fedcmdb.security.tokens[0].name", () -> "tls-reader");
		registry.add("fedcmdb.security.tokens[0].secret", () -> "tls-reader-secret-0123456789");
		registry.add("fedcmdb.security.tokens[0].roles[0]", () -> "READ");
		registry.add("spring.ssl.bundle.jks.server.keystore.location", () -> KEYSTORE.toUri().toString());
		registry.add("spring.ssl.bundle.jks.server.keystore.password", () -> PASSWORD);
		registry.add("spring.ssl.bundle.jks.server.keystore.type", () -> "PKCS12");
		registry.add("server.ssl.bundle", () -> "server");
	}

	private static String tempDir(String prefix) {
		try {
			return Files.createTempDirectory(prefix).toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@LocalServerPort
	private int port;

	@Test
	void theApiIsServedOverTlsWithTheConfiguredCertificate() throws Exception {
		HttpClient client = HttpClient.newBuilder().sslContext(trusting(KEYSTORE)).build();
		HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
				+ "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.sslSession()).isPresent();
		assertThat(health.sslSession().get().getProtocol()).startsWith("TLSv1.");

		HttpResponse<String> query = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
				+ "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer tls-reader-secret-0123456789")
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ classes { name } }\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(query.statusCode()).isEqualTo(200);
		assertThat(query.body()).contains("\"BusinessService\"");
	}

	@Test
	void aClientThatDoesNotTrustTheCertificateIsRefusedAndPlainHttpGetsNoAnswer() throws Exception {
		HttpClient defaults = HttpClient.newHttpClient();
		assertThatThrownBy(() -> defaults.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
				+ "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString()))
			.isInstanceOf(SSLHandshakeException.class);
		HttpResponse<String> plain = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(plain.statusCode()).isEqualTo(400);
		assertThat(plain.body()).doesNotContain("\"UP\"");
	}

	private static SSLContext trusting(Path keystore) throws Exception {
		KeyStore ks = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			ks.load(in, PASSWORD.toCharArray());
		}
		TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		tmf.init(ks);
		SSLContext ctx = SSLContext.getInstance("TLS");
		ctx.init(null, tmf.getTrustManagers(), null);
		return ctx;
	}

}
