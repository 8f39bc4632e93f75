package org.fedcmdb.reconciliation;

import java.util.List;

/**
 * Which sources are authoritative, in order, for a class ({@code attribute == null}) or one attribute of a class.
 * Class {@code *} is the default for every class. An attribute rule beats a class rule beats the default; a rule for
 * a class applies to its subclasses unless they have their own.
 */
public record AuthorityRule(String className, String attribute, List<String> sources) {
}
