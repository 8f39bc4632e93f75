// CMDB health, completeness: per class, the combinations of required attributes its live CIs lack, with counts.
// A needle is '"<attribute>":', a key of the CI's attributes JSON object (attribute names match [A-Za-z_][A-Za-z0-9_]*,
// so a value's text, where quotes are escaped, cannot contain one).
UNWIND $classes AS k
CALL (k) {
  MATCH (c:CI)
  WHERE c.class = k.class AND c.status <> 'RETIRED'
  WITH c, [i IN range(0, size(k.needles) - 1) WHERE c.attributes IS NULL OR NOT c.attributes CONTAINS k.needles[i]] AS lacking
  RETURN lacking, count(*) AS n
}
RETURN k.class AS class, lacking, n
