// Change requests through the gate: the decision, its evidence and the outcome.
CREATE CONSTRAINT change_request_id IF NOT EXISTS FOR (c:ChangeRequest) REQUIRE c.id IS UNIQUE;
CREATE INDEX change_request_status IF NOT EXISTS FOR (c:ChangeRequest) ON (c.status, c.plannedStart);
CREATE INDEX change_request_completed IF NOT EXISTS FOR (c:ChangeRequest) ON (c.completedAt);
CREATE CONSTRAINT change_sequence_name IF NOT EXISTS FOR (s:ChangeSequence) REQUIRE s.name IS UNIQUE;
CREATE INDEX change_request_callback IF NOT EXISTS FOR (c:ChangeRequest) ON (c.callbackState);
