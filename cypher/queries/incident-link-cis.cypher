UNWIND $rows AS r
MERGE (l:IncidentCi {incidentId: r.incidentId, ciId: r.ciId})
