package io.kubezap.session.runtime;

import io.kubezap.contract.PodEnvironment;
import io.kubezap.session.config.ConfigurationFailure;
import io.kubezap.session.config.SettingsValidator;
import io.kubezap.session.local.LocalDatabase;
import io.kubezap.session.local.LocalApiKey;
import io.kubezap.session.pool.PoolSettings;
import io.kubezap.session.schema.SchemaMigrationCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Entry point. {@code migrate} as first argument: apply the schema migrations and exit
 * ({@link SchemaMigrationCommand}). With a datasource configured (Kubernetes) it just runs the application.
 * Without one it is local mode, which also applies the migrations at start: an embedded PostgreSQL under
 * {@code <data dir>/postgres}, a generated API key kept in the data directory, session name {@code local} unless
 * set — then the application.
 */
@QuarkusMain
public class KubezapMain {

    public static void main(String... args) throws IOException {
        if (args.length > 0 && "migrate".equals(args[0])) {
            System.setProperty("kubezap.migrate-only", "true");
            System.setProperty("quarkus.http.host-enabled", "false");
            // no session runs, but the REST layer's filters still read the session settings when the app is built
            System.setProperty("kubezap.session", "schema-migration");
            System.setProperty("kubezap.api-key", LocalApiKey.random());
            Quarkus.run(SchemaMigrationCommand.class, KubezapMain::exit, args);
            return;
        }
        if (setting("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL") == null) {
            startLocalMode();
        }
        AotTrainingClasses.loadForTheTrainingRun();
        Quarkus.run(null, KubezapMain::exit, args);
    }

    /**
     * Quarkus' own exit, after a line per setting that stopped start-up, named by its variable (ConfigurationFailure).
     * With an exit handler of the application's own, Quarkus does not report any other start-up failure: it is printed
     * here, as Quarkus would (the messages name variables and files, never a secret's value: SecretsStayOutOfLogsIT).
     */
    private static void exit(int code, Throwable failure) {
        var lines = ConfigurationFailure.describe(failure);
        if (lines.isEmpty() && failure != null) {
            reportFailure(failure);
        }
        lines.forEach(System.err::println);
        System.exit(code);
    }

    /** A setting's refusal as its one line (as Quarkus prints it), anything else with its stack trace. */
    private static void reportFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.quarkus.runtime.configuration.ConfigurationException refused) {
                System.err.println(refused.getMessage());
                return;
            }
        }
        System.err.println("Failed to start the session pod:");
        failure.printStackTrace();
    }

    private static void startLocalMode() throws IOException {
        String dataDirSetting = setting("kubezap.data-dir", PodEnvironment.DATA_DIR);
        Path dataDir = Path.of(dataDirSetting == null ? "kubezap-data" : dataDirSetting).toAbsolutePath();
        LocalDatabase database = LocalDatabase.start(dataDir.resolve("postgres"));
        System.setProperty(PoolSettings.LOCAL_URL, database.jdbcUrl());
        System.setProperty(PoolSettings.LOCAL_USERNAME, LocalDatabase.USER);
        System.setProperty(PoolSettings.LOCAL_PASSWORD, LocalDatabase.USER);
        System.setProperty("kubezap.local-mode", "true");
        System.setProperty("kubezap.data-dir", dataDir.toString());
        if (setting("kubezap.session", PodEnvironment.SESSION) == null) {
            System.setProperty("kubezap.session", "local");
        }
        if (setting("kubezap.api-key", PodEnvironment.API_KEY) == null && setting("kubezap.api-key-file", SettingsValidator.API_KEY_FILE) == null) {
            System.setProperty("kubezap.api-key", LocalApiKey.loadOrCreate(dataDir.resolve("api-key")));
        }
    }

    private static String setting(String property, String environmentVariable) {
        // read before Quarkus starts (it decides how Quarkus is started), so not through SessionConfig
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(environmentVariable);
    }
}
