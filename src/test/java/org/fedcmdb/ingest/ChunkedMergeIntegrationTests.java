package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Chunks of one snapshot: a later chunk whose record proves two CIs of earlier chunks one merges them, and every edge
 * the earlier chunks related them with ends on the survivor; re-sending the same chunks changes nothing and writes no
 * edge.
 */
class ChunkedMergeIntegrationTests extends IntegrationTestSupport {

	@Test
	void aMergeInALaterChunkKeepsTheEdgesEarlierChunksReportedOnTheSurvivor() {
		String u = unique();
		String source = "terraform-ov" + u;
		String id = openChunked(source);
		postChunk(id, List.of(item("a", "Server", Map.of("fqdn", "a-" + u + ".example"), attrs()),
				item("b", "Server", Map.of("serialNumber", "SN-B-" + u), attrs())), List.of());
		postChunk(id, List.of(item("app1", "Application", Map.of("uid", "app1-" + u), attrs()),
				item("app2", "Application", Map.of("uid", "app2-" + u), attrs())),
				List.of(rel("RUNS_ON", "app1", "a"), rel("RUNS_ON", "app2", "b")));
		// one record carrying both hosts' identifiers proves them one CI: a merge
		postChunk(id, List.of(item("ab", "Server", Map.of("fqdn", "a-" + u + ".example", "serialNumber", "SN-B-" + u),
				attrs("os", "Debian 12"))), List.of(rel("DEPENDS_ON", "app1", "app2")));
		postChunk(id, List.of(item("app3", "Application", Map.of("uid", "app3-" + u), attrs())),
				List.of(rel("RUNS_ON", "app3", "ab"), rel("DEPENDS_ON", "app3", "app1")));
		// the hosts' refs of the first chunk, after the merge: the survivor's assertion carries the ref of the record
		// that merged them ("ab"), so "a" and "b" name no CI of this snapshot any more and are dangling, as they were
		// before refs were remembered; remembered from the first chunk, they named the two hosts, one of them merged
		// away, and must not be trusted once the merge moved the identity epoch
		postChunk(id, List.of(item("app4", "Application", Map.of("uid", "app4-" + u), attrs()),
				item("app5", "Application", Map.of("uid", "app5-" + u), attrs())),
				List.of(rel("DEPENDS_ON", "app4", "a"), rel("DEPENDS_ON", "app5", "b")));
		JsonNode s = completeChunked(id);

		assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("COMPLETED");
		assertThat(s.get("counts").has("PENDING")).as(s.toString()).isFalse();
		String survivor = ciId(s, "ab");
		assertThat(ciId(s, "a").equals(survivor) || ciId(s, "b").equals(survivor)).as(s.toString()).isTrue();
		assertThat(result(s, "item", 0).get("operation").asString()).isEqualTo("INSERT");
		// both hosts' RUNS_ON edges are on the survivor, and app3's too
		assertThat(count("MATCH (:CI)-[r:RUNS_ON]->(h:CI {id: $id}) RETURN count(r)", Map.of("id", survivor))).isEqualTo(3);
		for (JsonNode r : s.get("results")) {
			if (r.get("kind").asString().equals("relationship") && r.get("chunk").asInt() == 5) {
				assertThat(r.get("code").asString(null)).as(r.toString()).isEqualTo("DANGLING_REF");
			}
		}
		assertThat(count("MATCH (x:CI)-[:DEPENDS_ON]->(:CI) WHERE x.id IN $ids RETURN count(*)",
				Map.of("ids", List.of(ciId(s, "app4"), ciId(s, "app5"))))).isZero();
		assertThat(count("MATCH (c:CI) WHERE c.id IN $ids AND c.id <> $id RETURN count(c)",
				Map.of("ids", List.of(ciId(s, "a"), ciId(s, "b")), "id", survivor)))
			.as("the merged host is no CI any more").isZero();
		assertThat(count("MATCH (x:CI {id: $app1})-[:DEPENDS_ON]->(y:CI {id: $app2}) RETURN count(*)",
				Map.of("app1", ciId(s, "app1"), "app2", ciId(s, "app2")))).isEqualTo(1);
		assertThat(count("MATCH (x:CI {id: $app3})-[:DEPENDS_ON]->(y:CI {id: $app1}) RETURN count(*)",
				Map.of("app3", ciId(s, "app3"), "app1", ciId(s, "app1")))).isEqualTo(1);
		assertThat(s.get("edgesCreated").asInt()).isEqualTo(5);
		assertThat(s.get("counts").get("INSERT").asInt()).isEqualTo(7);
		// the edges chunk 2 reported under the merged host's id are not taken for unreported at the finish
		assertThat(s.get("withdrawal").get("edgesRemoved").asInt()).as(s.toString()).isZero();
	}

	@Test
	void aReSendOfTheSameChunksChangesNothing() {
		String u = unique();
		String source = "terraform-ovr" + u;
		for (int round = 0; round < 2; round++) {
			String id = openChunked(source);
			for (int c = 0; c < 4; c++) {
				String prev = "h" + (c - 1);
				postChunk(id, List.of(item("h" + c, "Server", Map.of("fqdn", "h" + c + "-" + u + ".example"), attrs()),
						item("s" + c, "Application", Map.of("uid", "s" + c + "-" + u), attrs())),
						c == 0 ? List.of(rel("RUNS_ON", "s0", "h0"))
								: List.of(rel("RUNS_ON", "s" + c, "h" + c), rel("DEPENDS_ON", "s" + c, "s" + (c - 1)),
										rel("HOSTED_ON", "h" + c, prev)));
			}
			JsonNode s = completeChunked(id);
			assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("COMPLETED");
			if (round == 0) {
				assertThat(s.get("counts").get("INSERT").asInt()).isEqualTo(8);
				assertThat(s.get("edgesCreated").asInt()).isEqualTo(10);
			}
			else {
				assertThat(s.get("counts").get("NO_CHANGE").asInt()).as(s.toString()).isEqualTo(8);
				assertThat(s.get("counts").has("INSERT")).isFalse();
				assertThat(s.get("edgesCreated").asInt()).isZero();
			}
			assertThat(count("MATCH (a:CI)-[r]->(b:CI) WHERE $source IN r.sources RETURN count(r)",
					Map.of("source", source))).isEqualTo(10);
		}
	}


}
