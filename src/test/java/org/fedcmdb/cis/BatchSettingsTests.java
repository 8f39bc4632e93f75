package org.fedcmdb.cis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch of 0 CIs or edges per transaction would write nothing and leave the chunk's records unwritten: refused at
 * start, naming the setting.
 */
class BatchSettingsTests {

	@Test
	void aWriteBatchBelowOneIsRefused() {
		assertThatThrownBy(() -> new GraphStore(null, null, null, null, null, null, null, null, true, 0, true))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("fedcmdb.ingest.write-batch");
	}

	@Test
	void anEdgeBatchBelowOneIsRefused() {
		assertThatThrownBy(() -> new EdgeWriter(null, null, null, null, -1, true))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("fedcmdb.ingest.edge-batch");
	}

}
