// The CIs a source asserts in a scope, paged by id at the end of every complete FULL snapshot: with the CI id in the
// index the page is a range seek in index order; on (source, scope) alone every page read and sorted the whole scope
// (a scope of a million CIs read a million entries per page of 2,000). Replaces the (source, scope) index.
CREATE INDEX assertion_source_scope_ci IF NOT EXISTS FOR (a:Assertion) ON (a.source, a.scope, a.ciId);
DROP INDEX assertion_source_scope IF EXISTS;
