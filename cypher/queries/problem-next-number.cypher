MERGE (s:IncidentSequence {name: 'problems'})
SET s.value = coalesce(s.value, 0) + 1
RETURN s.value AS number
