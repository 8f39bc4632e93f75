// CMDB health, compliance: per source, its live assertions older than the source's staleness window ($cutoffs: source
// name -> oldest fresh observation, epoch ms; $maxCutoff the newest of them, for the index on seen), by their
// effective seen time (cypher/fragments/scope-seen).
MATCH (a:Assertion)
WHERE a.seen < $maxCutoff AND a.withdrawnAt IS NULL AND a.seen < coalesce($cutoffs[a.source], 0)
  AND coalesce({{scope-seen}}.seen, a.seen) < coalesce($cutoffs[a.source], 0)
RETURN a.source AS source, count(a) AS stale
