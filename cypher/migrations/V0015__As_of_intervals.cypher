// As-of queries: merged CIs keep their node (label MergedCI) for the graph as it was before the merge; history entries
// moved to a survivor are found by the id they were recorded for; closed relationships (WAS) are purged by their end.
CREATE INDEX merged_ci_id IF NOT EXISTS FOR (m:MergedCI) ON (m.id);
CREATE INDEX change_original_ci IF NOT EXISTS FOR (h:Change) ON (h.originalCiId);
CREATE INDEX was_until IF NOT EXISTS FOR ()-[w:WAS]-() ON (w.until);
