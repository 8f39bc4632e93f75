OPTIONAL MATCH (s:EventSequence {name: 'events'})
RETURN coalesce(s.value, 0) AS last, coalesce(s.purgedThrough, 0) AS purgedThrough
