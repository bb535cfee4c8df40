package io.kubezap.operator.database;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A test CA, a server certificate and a client certificate for one login role (its common name), made with the
 * machine's {@code openssl}: the pooler's server login by certificate (record 0020). Skips the test without openssl
 * (fails under {@code CI}).
 */
public record ServerCertificates(Path ca, Path serverCertificate, Path serverKey, Path clientCertificate, Path clientKey) {

    public static ServerCertificates make(Path directory, String clientRole) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            String why = "openssl is not installed (Debian: apt-get install openssl)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        ServerCertificates files = new ServerCertificates(directory.resolve("ca.crt"), directory.resolve("server.crt"),
                directory.resolve("server.key"), directory.resolve("client.crt"), directory.resolve("client.key"));
        openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=kubezap-test-ca",
                "-keyout", "ca.key", "-out", "ca.crt");
        signed(directory, "server", "localhost");
        signed(directory, "client", clientRole);
        Files.setPosixFilePermissions(files.serverKey(), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(files.clientKey(), PosixFilePermissions.fromString("rw-r--r--"));
        return files;
    }

    private static void signed(Path directory, String name, String commonName) throws IOException, InterruptedException {
        openssl(directory, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + commonName,
                "-keyout", name + ".key", "-out", name + ".csr");
        openssl(directory, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-out", name + ".crt");
    }

    private static void openssl(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
