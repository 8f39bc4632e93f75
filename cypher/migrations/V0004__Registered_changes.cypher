CREATE CONSTRAINT registered_change_ticket IF NOT EXISTS FOR (c:RegisteredChange) REQUIRE c.ticketId IS UNIQUE;
CREATE INDEX registered_change_window IF NOT EXISTS FOR (c:RegisteredChange) ON (c.start, c.end);
