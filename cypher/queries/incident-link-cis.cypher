UNWIND $rows AS r
MERGE (l:IncidentCi {incidentId: r.incidentId, ciId: r.ciId})
SET l.alerting = coalesce(l.alerting, false) OR r.alerting
