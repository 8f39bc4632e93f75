// Assertions past their own source's staleness window, not yet marked stale, and assertions a later ScopeSeen confirms
// (cypher/fragments/scope-seen) whose own seen time is older than the shortest window. The range seek on seen reads
// everything older than the shortest window ($maxCutoff); each row is then judged by its effective seen time against
// the first window that covers its source ($windows, in the rules' order: a name ending in * covers a prefix;
// $fallbackCutoff for a source none covers). Every row returned is acted on, so the sweep's loop always progresses:
// a stale one is marked stale, a confirmed one takes its effective seen time as its own (confirmed: true), leaving
// the range until it ages past the shortest window again (a write per assertion per window, not per re-send).
MATCH (a:Assertion)
WHERE a.seen < $maxCutoff AND a.stale = false AND a.withdrawnAt IS NULL
WITH a, {{scope-seen}} AS sc
WITH a, sc, coalesce(sc.seen, a.seen) AS seen,
     coalesce([w IN $windows WHERE CASE WHEN w.prefix THEN a.source STARTS WITH w.name ELSE a.source = w.name END
               | w.cutoff][0], $fallbackCutoff) AS cutoff
WHERE seen < cutoff OR sc IS NOT NULL
RETURN a.ciId AS ciId, a.source AS source, seen, seen >= cutoff AS confirmed, sc.snapshotId AS snapshotId
LIMIT $limit
