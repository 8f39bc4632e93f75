// Full working state of CIs about to change: the node and every source's assertion of it, each with its effective
// seen time and snapshot (a later ScopeSeen that confirms it: see cypher/fragments/scope-seen), which a write of the
// assertion then stores as its own.
UNWIND $ids AS id
MATCH (c:CI {id: id})
RETURN c {.*} AS ci,
       [(c)<-[:ASSERTS]-(a) | [sc IN [{{scope-seen}}] |
          a {.*, seen: coalesce(sc.seen, a.seen), snapshotId: coalesce(sc.snapshotId, a.snapshotId)}][0]] AS assertions
