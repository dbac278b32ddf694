-- Runs after the first (a resume of held deliveries, a redelivery) take their number from a sequence: nextval is never
-- rolled back, so a run number, and with it a queue job id, is never used twice. (A counter in the row would be reused
-- after a rolled-back resume whose job had already been queued, and BullMQ would drop the later job as a duplicate.)
create sequence webhook_delivery_runs start with 1;
