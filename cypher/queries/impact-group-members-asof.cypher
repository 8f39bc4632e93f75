// Redundancy groups as of $t: their members then (MEMBER_OF valid at $t, live or closed), each with what tells whether
// it was retired then (the caller reads revised members' status from history), and the group's stored minHealthy.
UNWIND $ids AS id
CALL (id) {
  MATCH (g:CI {id: id})
  RETURN g
  UNION
  MATCH (g:MergedCI {id: id})
  RETURN g
}
OPTIONAL MATCH (g)<-[r]-(m)
WHERE (type(r) = 'MEMBER_OF' AND coalesce(r.since, 0) <= $t
       OR type(r) = 'WAS' AND r.type = 'MEMBER_OF' AND r.since <= $t AND r.until > $t)
  AND coalesce(m.createdAt, m.firstSeen, 0) <= $t AND (m:CI OR m:MergedCI AND m.mergedAt > $t)
RETURN id, collect([m.id, m.status, m.createdAt IS NULL OR coalesce(m.revisedAt, 0) > $t]) AS members
