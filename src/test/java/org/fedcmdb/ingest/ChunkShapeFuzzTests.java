package org.fedcmdb.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link ChunkShape} against the tree parse on arbitrary bytes: the same refusal code or the same item count
 * ({@link ChunkShapeTests#assertAgree}). Its own class, named as the build runs fuzz tests (in a JVM of their own:
 * Jazzer's agent transforms the classes of the JVM it runs in); fuzz with
 * {@code ./mvnw -Pfuzz test -Dtest=ChunkShapeFuzzTests}.
 */
class ChunkShapeFuzzTests {

	@FuzzTest(maxDuration = "2m")
	void agreesWithTheTreeOnArbitraryBytes(byte[] input) {
		ChunkShapeTests.assertAgree(input);
	}

}
