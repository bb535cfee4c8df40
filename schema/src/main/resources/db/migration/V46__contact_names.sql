-- the names the account's owner saved for people on the phone (app-state sync, critical_unblock_low)
alter table contacts add column name text;
alter table contacts add column short_name text;
