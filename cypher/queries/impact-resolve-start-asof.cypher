// Start CIs of an impact query as of $t: a merged CI's kept node before its merge, otherwise through merge aliases to
// the survivor; only CIs that existed at $t. revised: see impact-expand-upstream-asof.
UNWIND $ids AS id
OPTIONAL MATCH (m:MergedCI {id: id})
WHERE m.mergedAt > $t AND coalesce(m.createdAt, m.firstSeen, 0) <= $t
OPTIONAL MATCH (al:CiAlias {id: id})
WITH id, m, coalesce(al.survivorId, id) AS rid
OPTIONAL MATCH (s:CI {id: rid})
WHERE m IS NULL AND coalesce(s.createdAt, s.firstSeen, 0) <= $t
WITH id, coalesce(m, s) AS c
WHERE c IS NOT NULL
RETURN id AS given, c.id AS id, c.class AS class, c.criticality AS criticality, c.status AS status, c.name AS name,
       c:MergedCI AS merged, c.createdAt IS NULL OR coalesce(c.revisedAt, 0) > $t AS revised
