// Every re-send moved each assertion's snapshotId, so the (snapshotId, ref) index took a removal and an insertion per
// CI per snapshot for one reader, the look-up of refs of earlier chunks; that look-up now seeks (source, ref) and
// filters the snapshot id (a source's ref names one CI per scope, so a seek finds one assertion or a few). The (ciId)
// index served one reader too (a CI's assertions), which now expands from the CI. A first ingest writes two index
// entries fewer per CI, a re-send two index updates fewer.
DROP INDEX assertion_snapshot_ref IF EXISTS;
DROP INDEX assertion_ci IF EXISTS;
