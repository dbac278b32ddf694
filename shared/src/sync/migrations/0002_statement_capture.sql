-- Change capture per statement instead of per row: one trigger call per INSERT, UPDATE or DELETE statement reads the
-- statement's transition tables, so a statement touching 20,000 rows costs one call, not 20,000. Updates that change
-- nothing are not captured. The sync's own inbound writes (l2c.sync_origin = salesforce) are skipped as before.
create function sync_capture_rows() returns trigger language plpgsql as $$
begin
  if current_setting('l2c.sync_origin', true) = 'salesforce' then
    return null;
  end if;
  if tg_op = 'INSERT' then
    execute format('insert into sync_changes (table_name, local_id, op) select %L, n.%I::text, %L from new_rows n', tg_table_name, tg_argv[0], tg_op);
  elsif tg_op = 'DELETE' then
    execute format('insert into sync_changes (table_name, local_id, op) select %L, o.%I::text, %L from old_rows o', tg_table_name, tg_argv[0], tg_op);
  else
    execute format('insert into sync_changes (table_name, local_id, op) select %L, n.%I::text, %L from new_rows n join old_rows o on o.%I = n.%I where n is distinct from o', tg_table_name, tg_argv[0], tg_op, tg_argv[0], tg_argv[0]);
  end if;
  return null;
end $$;

-- Full loads now count the records they see instead of marking each link.
alter table sync_links drop column seen_run;
