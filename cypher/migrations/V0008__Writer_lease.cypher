CREATE CONSTRAINT writer_lease_name_unique IF NOT EXISTS FOR (l:WriterLease) REQUIRE l.name IS UNIQUE;
