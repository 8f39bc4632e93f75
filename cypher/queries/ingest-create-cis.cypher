// New CIs of one label set; {{labels}} comes from the class catalogue, never from input.
UNWIND $rows AS r
CREATE (c:{{labels}} {id: r.id})
SET c += r.props
