// One node per scheduled job and fire slot, created by the instance that runs it: the uniqueness constraint makes a
// job fire once per cluster when several instances share the database (the others' CREATE fails and they skip).
CREATE CONSTRAINT job_fire_key IF NOT EXISTS FOR (f:JobFire) REQUIRE f.key IS UNIQUE;
CREATE INDEX job_fire_at IF NOT EXISTS FOR (f:JobFire) ON (f.at);
