package io.kubezap.operator.database;

import io.kubezap.operator.resources.DatabaseSecretSource;
import io.kubezap.operator.resources.DatabaseSecretSource.AdminCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Connections with the admin credential, read from the operator's database Secret each time (a rotated password
 * is used at once). Role and data bookkeeping is rare, so there is no pool: the operator holds no connection between
 * uses, and always connects to the server directly (its {@code jdbc-uri}, never a pooler's).
 */
@ApplicationScoped
public class AdminDatabase {

    private final Supplier<AdminCredentials> credentials;

    @Inject
    public AdminDatabase(DatabaseSecretSource source) {
        this(() -> source.adminCredentials(source.read()));
    }

    public AdminDatabase(Supplier<AdminCredentials> credentials) {
        this.credentials = credentials;
    }

    public Connection open() throws SQLException {
        AdminCredentials admin = credentials.get();
        return DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
    }

    /** The server and database, without credentials, for Events. */
    public String describe() {
        String url = credentials.get().jdbcUrl();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
