package io.kubezap.operator.database;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** For the operator's @QuarkusTests: the migrated database's admin URL as {@code test.database-url}. */
public class AdminDatabaseResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("test.database-url", MigratedDatabase.admin().jdbcUrl());
    }

    @Override
    public void stop() {
        // the server lives as long as the test JVM, shared with the plain database tests
    }
}
