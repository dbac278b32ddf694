-- getDeleted windows start where the last one ended (its latestDateCovered), not at the SystemModstamp watermark:
-- Salesforce reports a deletion only once its minute has passed, so a window tied to the record watermark could slide
-- past a deletion before it was ever reported.
alter table sync_objects add column deleted_watermark timestamptz;
