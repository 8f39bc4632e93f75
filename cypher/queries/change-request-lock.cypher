// Decisions on changes are serialised (two requests must not both miss each other's collision).
MERGE (s:ChangeSequence {name: 'changes'})
SET s.value = coalesce(s.value, 0) + $increment
RETURN s.value AS number
