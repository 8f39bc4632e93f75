// The TEXT index on nameLower was never used by a plan (the CI page filter is an optional predicate, which the
// planner cannot serve from an index) and cost a Lucene write per CI.
DROP INDEX ci_name_text IF EXISTS;
