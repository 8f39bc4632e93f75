// CMDB health, compliance: per source, its assertions, withdrawn ones, and its last report: the latest seen time of
// its assertions or of the scopes its complete FULL snapshots confirmed (ScopeSeen, moved instead of the assertions
// an unchanged re-send reported).
MATCH (a:Assertion)
WITH a.source AS source, count(*) AS assertions, count(a.withdrawnAt) AS withdrawn, max(a.seen) AS seen
OPTIONAL MATCH (sc:ScopeSeen {source: source})
WITH source, assertions, withdrawn, seen, max(sc.seen) AS confirmed
RETURN source, assertions, withdrawn, CASE WHEN confirmed > seen THEN confirmed ELSE seen END AS lastSeen
