-- a call offer from a linked identity names the caller's number too (caller_pn)
alter table lid_mappings drop constraint lid_mappings_source_check;
alter table lid_mappings add constraint lid_mappings_source_check check (source in ('message', 'usync', 'group', 'call'));
