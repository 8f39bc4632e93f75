// Inlined where a query names {{scope-seen}}: the ScopeSeen that confirms assertion `a` later than its own seen time,
// or null. A source's complete FULL snapshot reports every live assertion of its scope or withdraws it, so at its
// finish every assertion then live in the scope was seen at its collection time: an unchanged record of it is not
// written, ScopeSeen {source, scope, seen, snapshotId, at} moves instead (at: when it finished). It confirms only an
// assertion that was in the scope then (a.since, when the assertion was created, revived or moved scope, not after).
COLLECT { MATCH (sc:ScopeSeen {key: a.source + '|' + a.scope})
          WHERE a.withdrawnAt IS NULL AND sc.seen > a.seen AND sc.at >= coalesce(a.since, 0) RETURN sc }[0]
