// Assertions the sweep found stale whose CI does not exist (no CI node with their ciId: left behind by a write that
// failed half-way, or by an older version): marked stale, so that the sweep does not read them again on every page
// (a page full of them made it loop for ever). Nothing reads them otherwise; they are kept for inspection.
UNWIND $keys AS key
MATCH (a:Assertion {key: key})
WHERE NOT EXISTS { MATCH (c:CI {id: a.ciId}) }
SET a.stale = true
RETURN count(a) AS marked
