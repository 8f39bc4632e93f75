// CMDB health, compliance: per source, its assertions, withdrawn ones, and its last report.
MATCH (a:Assertion)
RETURN a.source AS source, count(*) AS assertions, count(a.withdrawnAt) AS withdrawn, max(a.seen) AS lastSeen
