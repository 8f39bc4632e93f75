package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.graph.Compressed;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;

/** The results written field by field are the JSON the mapper makes of them, byte for byte. */
class ResultsJsonTests {

	@Test
	void writesWhatTheMapperWrites() {
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("type", "DEPENDS_ON");
		identity.put("from", "ci-\u00e9");
		identity.put("to", "ci-2");
		List<SnapshotModel.Result> results = new ArrayList<>(List.of(
				SnapshotModel.Result.item(0, "h0", SnapshotModel.Operation.NO_CHANGE, "ci-1").inChunk(3),
				SnapshotModel.Result.rejectItem(1, "quote\"back\\slash\nline \ud83d\ude80", "INVALID_ITEM",
						"bad \u0001 control </script>"),
				SnapshotModel.Result.item(2, null, SnapshotModel.Operation.INSERT, null),
				SnapshotModel.Result.rel(4, SnapshotModel.Operation.PENDING, "AWAITING_REF", "waiting for ref x")
					.pendingSince(1_700_000_000_000L),
				SnapshotModel.Result.rel(5, SnapshotModel.Operation.PENDING, "AWAITING_REF", "waiting")
					.resolved(SnapshotModel.Operation.NO_CHANGE, "ci-3", null, "completed", identity, 1_700_000_000_000L,
							1_700_000_100_000L, "snap-1")));
		assertThat(written(results)).isEqualTo(Json.write(results));
		assertThat(written(List.of())).isEqualTo(Json.write(List.of()));
	}

	private static String written(List<SnapshotModel.Result> results) {
		return new String(Compressed.decompress(ResultsJson.compressed(results)), StandardCharsets.UTF_8);
	}

}
