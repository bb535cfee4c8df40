-- a history sync names the LID of each chat it carries (phoneNumberToLidMappings, a conversation's lidJid/pnJid), and the
-- Baileys bridge reports pairs Baileys learnt otherwise (app state) as 'mapping'; the previous release writes only the
-- sources it knew, which this list keeps. Added not valid: every existing row already passed the narrower check.
alter table lid_mappings drop constraint lid_mappings_source_check;
alter table lid_mappings add constraint lid_mappings_source_check
    check (source in ('message', 'usync', 'group', 'call', 'history', 'mapping')) not valid;
