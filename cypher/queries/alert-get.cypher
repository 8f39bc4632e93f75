UNWIND $keys AS key
MATCH (a:Alert {key: key})
RETURN a {.*} AS alert
