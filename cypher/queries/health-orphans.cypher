// CMDB health, correctness: live CIs of dependent classes (identified inside what they run on or are hosted on) that
// have no such relationship: an application with nothing to run on.
UNWIND $classes AS k
CALL (k) {
  MATCH (c:CI)
  WHERE c.class = k.class AND c.status <> 'RETIRED' AND NOT EXISTS { (c)-[r]->(:CI) WHERE type(r) IN k.types }
  RETURN count(c) AS n, collect(c.id)[..$sample] AS sample
}
RETURN k.class AS class, k.types AS types, n, sample
