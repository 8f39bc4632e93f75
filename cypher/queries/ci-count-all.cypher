// How many CIs the store holds (from the count store: no scan).
MATCH (c:CI)
RETURN count(c) AS n
