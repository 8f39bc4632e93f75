// CIs by id, as CiView reads them. lastSeen is the latest of the CI's own (moved when it changes) and its assertions'
// effective seen times (cypher/fragments/scope-seen: an unchanged re-send moves only those).
UNWIND $ids AS id
MATCH (c:CI {id: id})
RETURN c {.*, labels: labels(c),
          lastSeen: reduce(m = c.lastSeen, s IN [(c)<-[:ASSERTS]-(a) | coalesce({{scope-seen}}.seen, a.seen)] |
                           CASE WHEN m IS NULL OR s > m THEN s ELSE m END)} AS ci
