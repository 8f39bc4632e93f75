// Assertions past their own source's staleness window, not yet marked stale. The range seek on seen reads everything
// older than the shortest window ($maxCutoff); each row is then judged by the first window that covers its source
// ($windows, in the rules' order: a name ending in * covers a prefix; $fallbackCutoff for a source none covers), so
// that every row returned is stale: a page of older assertions of long-window sources (declared, manual) can no
// longer fill the page and hide the short-window ones behind it.
MATCH (a:Assertion)
WHERE a.seen < $maxCutoff AND a.stale = false AND a.withdrawnAt IS NULL
WITH a, coalesce([w IN $windows WHERE CASE WHEN w.prefix THEN a.source STARTS WITH w.name ELSE a.source = w.name END
                  | w.cutoff][0], $fallbackCutoff) AS cutoff
WHERE a.seen < cutoff
RETURN a.ciId AS ciId, a.source AS source, a.seen AS seen
LIMIT $limit
