// Import: a target must hold no CI.
MATCH (c:CI) RETURN count(c) AS n
