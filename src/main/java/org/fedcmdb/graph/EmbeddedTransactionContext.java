package org.fedcmdb.graph;

import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Stream;

import org.neo4j.driver.Query;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.NoSuchRecordException;
import org.neo4j.driver.internal.InternalRecord;
import org.neo4j.driver.summary.ResultSummary;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.Transaction;

/**
 * The driver's {@link TransactionContext} over an embedded database's own transaction, so that code written against
 * the driver (every statement of the write path, the writer lease's fence, the event outbox) runs in process
 * unchanged. Parameters go to the database as the Java values they are; each result is read whole when the statement
 * runs and its values are converted to the driver's (a node or relationship becomes the map of its properties: the
 * write path returns scalars, lists and maps only). Written by hand because neither the driver nor the database ships
 * such a bridge; it implements what the write path calls, and {@link Result#consume()}'s summary only says so.
 */
final class EmbeddedTransactionContext implements TransactionContext {

	private final Transaction tx;

	EmbeddedTransactionContext(Transaction tx) {
		this.tx = tx;
	}

	/** The database's own transaction, for writes through its kernel API ({@link Transactions#kernel}). */
	org.neo4j.kernel.api.KernelTransaction kernelTransaction() {
		return ((org.neo4j.kernel.impl.coreapi.InternalTransaction) tx).kernelTransaction();
	}

	@Override
	public Result run(String query, Map<String, Object> parameters) {
		try (org.neo4j.graphdb.Result r = tx.execute(query, parameters)) {
			List<String> keys = r.columns();
			List<Record> records = new ArrayList<>();
			while (r.hasNext()) {
				Map<String, Object> row = r.next();
				List<Value> values = new ArrayList<>(keys.size());
				keys.forEach(k -> values.add(value(row.get(k))));
				records.add(new InternalRecord(keys, values));
			}
			return new ListResult(keys, records);
		}
	}

	@Override
	public Result run(String query, Value parameters) {
		return run(query, parameters == null ? Map.of() : parameters.asMap());
	}

	@Override
	public Result run(String query, Record parameters) {
		return run(query, parameters == null ? Map.of() : parameters.asMap());
	}

	@Override
	public Result run(String query) {
		return run(query, Map.of());
	}

	@Override
	public Result run(Query query) {
		return run(query.text(), query.parameters());
	}

	/** The driver's value of what the embedded database returned. */
	static Value value(Object o) {
		if (o instanceof Entity e) {
			return value(e.getAllProperties());
		}
		if (o instanceof Map<?, ?> m) {
			Map<String, Value> out = new LinkedHashMap<>();
			m.forEach((k, v) -> out.put(String.valueOf(k), value(v)));
			return Values.value(out);
		}
		if (o instanceof Iterable<?> it) {
			List<Value> out = new ArrayList<>();
			it.forEach(v -> out.add(value(v)));
			return Values.value(out);
		}
		if (o != null && o.getClass().isArray() && !(o instanceof byte[])) {
			List<Value> out = new ArrayList<>();
			for (int i = 0; i < Array.getLength(o); i++) {
				out.add(value(Array.get(o, i)));
			}
			return Values.value(out);
		}
		return Values.value(o);
	}

	/** A result read whole. */
	private static final class ListResult implements Result {

		private final List<String> keys;

		private final List<Record> records;

		private int next;

		ListResult(List<String> keys, List<Record> records) {
			this.keys = keys;
			this.records = records;
		}

		@Override
		public List<String> keys() {
			return keys;
		}

		@Override
		public boolean hasNext() {
			return next < records.size();
		}

		@Override
		public Record next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			return records.get(next++);
		}

		@Override
		public Record single() {
			if (records.size() - next != 1) {
				throw new NoSuchRecordException("Expected a result with a single record, but it has "
						+ (records.size() - next));
			}
			return next();
		}

		@Override
		public Record peek() {
			if (!hasNext()) {
				throw new NoSuchRecordException("Cannot peek past the last record");
			}
			return records.get(next);
		}

		@Override
		public Stream<Record> stream() {
			List<Record> rest = list();
			return rest.stream();
		}

		@Override
		public List<Record> list() {
			List<Record> rest = new ArrayList<>(records.subList(next, records.size()));
			next = records.size();
			return rest;
		}

		@Override
		public <T> List<T> list(Function<Record, T> mapFunction) {
			return list().stream().map(mapFunction).toList();
		}

		@Override
		public ResultSummary consume() {
			next = records.size();
			return NO_SUMMARY;
		}

		@Override
		public boolean isOpen() {
			return hasNext();
		}

	}

	/** Nothing of the write path reads a summary; one that is asked says why it cannot answer. */
	private static final ResultSummary NO_SUMMARY = (ResultSummary) Proxy.newProxyInstance(
			ResultSummary.class.getClassLoader(), new Class<?>[] { ResultSummary.class }, (proxy, method, args) -> {
				if (method.getName().equals("toString")) {
					return "ResultSummary (in process: none)";
				}
				throw new UnsupportedOperationException(
						"a statement run in process has no driver summary (" + method.getName() + ")");
			});

}
