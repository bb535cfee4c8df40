package io.kubezap.schema;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The migration scripts as this module packages them (its listing and the files), for tests that read their text. */
final class MigrationScripts {

    private MigrationScripts() {
    }

    /** Every packaged file name: versioned scripts, callbacks, script configurations. */
    static List<String> all() throws IOException {
        List<String> scripts = resource(SessionSchema.MIGRATION_LIST, "").lines().filter(line -> !line.isBlank()).map(String::strip).toList();
        assertThat(scripts).contains("V67__history_messages.sql");
        return scripts;
    }

    /** The versioned migrations ({@code V<n>__x.sql}), oldest first. */
    static List<String> sql() throws IOException {
        return all().stream().filter(name -> name.matches("V\\d+__.*\\.sql")).sorted(Comparator.comparing(MigrationScripts::version)).toList();
    }

    static BigInteger version(String script) {
        return new BigInteger(script.substring(1, script.indexOf("__")));
    }

    static String read(String script) throws IOException {
        return resource(SessionSchema.MIGRATIONS + "/" + script, script);
    }

    static String resource(String resource, String name) throws IOException {
        try (InputStream in = MigrationScripts.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
