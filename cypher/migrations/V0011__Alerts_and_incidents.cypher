// Alerts (one per fingerprint and start) and the incidents fedcmdb opens from them.
CREATE CONSTRAINT alert_key_unique IF NOT EXISTS FOR (a:Alert) REQUIRE a.key IS UNIQUE;
CREATE INDEX alert_fingerprint IF NOT EXISTS FOR (a:Alert) ON (a.fingerprint);
CREATE INDEX alert_incident IF NOT EXISTS FOR (a:Alert) ON (a.incidentId);
CREATE INDEX alert_mapped_status IF NOT EXISTS FOR (a:Alert) ON (a.mapped, a.status);
CREATE CONSTRAINT incident_id_unique IF NOT EXISTS FOR (i:Incident) REQUIRE i.id IS UNIQUE;
CREATE INDEX incident_status IF NOT EXISTS FOR (i:Incident) ON (i.status, i.lastAlertAt);
CREATE INDEX incident_cause IF NOT EXISTS FOR (i:Incident) ON (i.causeId);
// MERGE on these is race-free only under a uniqueness constraint: without it two first notifications could each create
// their own lock node and correlate at the same time (seen with the real Alertmanager sending two groups at once).
CREATE CONSTRAINT incident_lock_name IF NOT EXISTS FOR (l:IncidentLock) REQUIRE l.name IS UNIQUE;
CREATE CONSTRAINT incident_sequence_name IF NOT EXISTS FOR (s:IncidentSequence) REQUIRE s.name IS UNIQUE;
CREATE CONSTRAINT problem_id_unique IF NOT EXISTS FOR (p:Problem) REQUIRE p.id IS UNIQUE;
CREATE INDEX incident_problem IF NOT EXISTS FOR (i:Incident) ON (i.problemId);
// The CIs in each incident's picture, for finding the incidents a new alert relates to by index.
CREATE CONSTRAINT incident_ci_unique IF NOT EXISTS FOR (l:IncidentCi) REQUIRE (l.ciId, l.incidentId) IS UNIQUE;
