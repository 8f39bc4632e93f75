// Open incidents whose picture (alerting CIs and what they need) holds any of the CIs, with an alert within the
// correlation window: an index look-up per CI, whatever the number of open incidents. Through a hub (a CI thousands
// depend on) only incidents where the hub itself alerts: everything shares a silent hub.
UNWIND $ids AS id
MATCH (l:IncidentCi {ciId: id})
WHERE NOT id IN $hubs OR l.alerting
MATCH (i:Incident {id: l.incidentId})
WHERE i.status = 'OPEN' AND i.lastAlertAt >= $openSince
RETURN DISTINCT i {.*} AS incident
