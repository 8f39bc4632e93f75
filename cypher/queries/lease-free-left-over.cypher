// frees a crashed predecessor's writer lease (embedded database: this process is the only possible writer)
MATCH (l:WriterLease)
SET l.holder = null, l.expiresAt = null, l.wanted = null, l.wantedAt = null
