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
		Hashing h = HASHING.get();
		int n = h.ascii(type, 0);
		n = n < 0 ? -1 : h.ascii(from, h.separator(n));
		n = n < 0 ? -1 : h.ascii(to, h.separator(n));
		// a digest per thread, reused (digest() resets it): looking the algorithm up for each of a chunk's tens of
		// thousands of edges cost about as much as hashing them
		if (n < 0) { // not ASCII: the JDK's encoder (its replacement of a lone surrogate included)
			return first8(h.sha256.digest((type + '\u0000' + from + '\u0000' + to).getBytes(StandardCharsets.UTF_8)));
		}
		h.sha256.update(h.bytes, 0, n);
		try {
			h.sha256.digest(h.out, 0, h.out.length);
		}
		catch (java.security.DigestException ex) {
			throw new IllegalStateException("SHA-256 writes 32 bytes", ex);
		}
		return first8(h.out);
	}

	private static long first8(byte[] digest) {
		return ByteBuffer.wrap(digest, 0, 8).getLong();
	}

	/**
	 * A thread's digest and buffers: an ASCII key (every id this server makes, nearly every ref) is written into a
	 * reused buffer, byte for byte what UTF-8 makes of it, instead of a concatenated string and its encoding per edge (a
	 * tenth of the bytes a re-sent chunk's worker allocated).
	 */
	private static final class Hashing {

		final MessageDigest sha256;

		byte[] bytes = new byte[256];

		final byte[] out = new byte[32];

		Hashing() {
			try {
				sha256 = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("every JDK has SHA-256", ex);
			}
		}

		/** Writes {@code s} at {@code at} if it is ASCII; the end, or -1 when it is not. */
		int ascii(String s, int at) {
			int end = at + s.length();
			if (end > bytes.length) {
				bytes = Arrays.copyOf(bytes, Math.max(end, bytes.length * 2));
			}
			for (int i = 0; i < s.length(); i++) {
				char c = s.charAt(i);
				if (c >= 0x80) {
					return -1;
				}
				bytes[at + i] = (byte) c;
			}
			return end;
		}

		/** A NUL after {@code end}; the position after it. */
		int separator(int end) {
			if (end >= bytes.length) {
				bytes = Arrays.copyOf(bytes, bytes.length * 2);
			}
			bytes[end] = 0;
			return end + 1;
		}

	}

	private static final ThreadLocal<Hashing> HASHING = ThreadLocal.withInitial(Hashing::new);

	/** One sorted, duplicate-free array of all the keys, for {@link #contains}. */
	public static long[] sorted(Collection<long[]> parts) {
		// by hand, not LongStream's sorted().distinct(): its distinct() boxes every key (2.8 million at tier M)
		long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
		int at = 0;
		for (long[] p : parts) {
			System.arraycopy(p, 0, all, at, p.length);
			at += p.length;
		}
		Arrays.sort(all);
		int distinct = 0;
		for (int i = 0; i < all.length; i++) {
			if (i == 0 || all[i] != all[distinct - 1]) {
				all[distinct++] = all[i];
			}
		}
		return distinct == all.length ? all : Arrays.copyOf(all, distinct);
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
