// Inlined where a query names {{ci-last-seen}}: CI `c`'s last sighting, the latest of its own lastSeen (moved when it
// changes) and its assertions' effective seen times (cypher/fragments/scope-seen: an unchanged re-send moves only
// those).
reduce(m = c.lastSeen, s IN [(c)<-[:ASSERTS]-(a) | coalesce({{scope-seen}}.seen, a.seen)] |
       CASE WHEN m IS NULL OR s > m THEN s ELSE m END)
