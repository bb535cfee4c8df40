-- Expand/contract (docs/upgrades.md): from this release on, every schema change is readable and writable by the
-- release before, and the schema says which session pods it still serves, so that after `helm rollback` the older
-- pods start on it (io.kubezap.schema.SchemaCompatibility). 75 is the newest migration of release 0.1.0. A migration
-- that contracts (drops, renames, not null on a column the release before writes without) raises it to the newest
-- migration of the release that stopped using what it removes (ContractingMigrationsTest checks both).
comment on table flyway_schema_history is 'kubezap-compatible-from: 75';
