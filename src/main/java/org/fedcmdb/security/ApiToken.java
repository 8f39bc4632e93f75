package org.fedcmdb.security;

import java.time.Instant;
import java.util.List;

/**
 * A bearer token as the tokens query shows it: never its secret (only its hash is stored).
 * @param sources the sources an INGEST token may write (patterns ending in {@code *} are prefixes); empty: all
 * @param origin {@code configuration} or {@code runtime}
 * @param createdAt when a runtime token was made; null for a configured one
 */
public record ApiToken(String name, List<String> roles, List<String> sources, String origin, Instant createdAt) {
}
