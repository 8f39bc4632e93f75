package org.fedcmdb.cis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;

/**
 * An edge's key for "which edges did this snapshot report": the first 64 bits of SHA-256 over type, from and to (NUL-separated),
 * kept per chunk as one long array instead of a seen-time written on every edge. Two edges sharing a key (about one
 * chance in 10^7 among millions) only means one of them is kept when it should have been withdrawn, never the
 * reverse.
 */
public final class EdgeKeys {

	public static final long[] NONE = new long[0];

	private EdgeKeys() {
	}

	public static long key(String type, String from, String to) {
		// a digest per thread, reused (digest() resets it): looking the algorithm up for each of a chunk's tens of
		// thousands of edges cost about as much as hashing them
		byte[] digest = SHA_256.get().digest((type + '\u0000' + from + '\u0000' + to).getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(digest, 0, 8).getLong();
	}

	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	});

	/** One sorted, duplicate-free array of all the keys, for {@link #contains}. */
	public static long[] sorted(Collection<long[]> parts) {
		return parts.stream().flatMapToLong(Arrays::stream).sorted().distinct().toArray();
	}

	/** Keys as stored with a chunk: 8 bytes each, big-endian (a byte array crosses Bolt as one value, not a list). */
	public static byte[] bytes(long[] keys) {
		java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(keys.length * Long.BYTES);
		b.asLongBuffer().put(keys);
		return b.array();
	}

	/** The keys {@link #bytes} stored. */
	public static long[] fromBytes(byte[] stored) {
		long[] keys = new long[stored.length / Long.BYTES];
		java.nio.ByteBuffer.wrap(stored).asLongBuffer().get(keys);
		return keys;
	}

	public static boolean contains(long[] sorted, long key) {
		return Arrays.binarySearch(sorted, key) >= 0;
	}

}
