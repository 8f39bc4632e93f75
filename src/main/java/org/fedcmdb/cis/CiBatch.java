package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.List;

import org.fedcmdb.events.EventDraft;

/**
 * Everything one write transaction of {@link GraphStore#write} applies, as typed rows ({@link BatchRows}): new and
 * changed CIs with their assertions, touched assertions, identity keys gained and lost, history, waiting records and
 * the events of these changes.
 */
final class CiBatch {

	/** CIs and touches in this batch. */
	int records;

	final List<BatchRows.NewCi> created = new ArrayList<>();

	final List<BatchRows.CiUpdate> updated = new ArrayList<>();

	final List<BatchRows.NewAssertion> newAssertions = new ArrayList<>();

	final List<BatchRows.AssertionUpdate> changedAssertions = new ArrayList<>();

	final List<BatchRows.Touch> touched = new ArrayList<>();

	final List<BatchRows.KeyAdded> addKeys = new ArrayList<>();

	final List<BatchRows.KeyRemoved> removeKeys = new ArrayList<>();

	final List<BatchRows.HistoryEntry> history = new ArrayList<>();

	final List<BatchRows.PendingItem> pendingItems = new ArrayList<>();

	/** Events of the changes above, appended to the outbox in the same transaction. */
	final List<EventDraft> events = new ArrayList<>();

	boolean isEmpty() {
		return created.isEmpty() && updated.isEmpty() && newAssertions.isEmpty()
				&& changedAssertions.isEmpty() && touched.isEmpty() && addKeys.isEmpty() && removeKeys.isEmpty()
				&& history.isEmpty() && pendingItems.isEmpty();
	}

}
