CREATE CONSTRAINT event_sequence_name IF NOT EXISTS FOR (s:EventSequence) REQUIRE s.name IS UNIQUE;
CREATE INDEX event_batch_last IF NOT EXISTS FOR (b:EventBatch) ON (b.last);
CREATE INDEX event_batch_at IF NOT EXISTS FOR (b:EventBatch) ON (b.at);
CREATE CONSTRAINT subscription_id IF NOT EXISTS FOR (s:Subscription) REQUIRE s.id IS UNIQUE;
CREATE INDEX delivery_subscription_at IF NOT EXISTS FOR (d:Delivery) ON (d.subscriptionId, d.at);
