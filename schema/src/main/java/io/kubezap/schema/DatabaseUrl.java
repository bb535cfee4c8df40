package io.kubezap.schema;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A database URL for a login other than the admin's (a session pod's, the gateway's), made from the admin's: server,
 * port, database and connection parameters only. Credentials in it (userinfo before the host, {@code user},
 * {@code password} or {@code sslpassword} parameters, as CloudNativePG's {@code <cluster>-app} Secret writes its
 * {@code jdbc-uri}) are dropped: a session's copy lands in the tenant's namespace, and pgjdbc lets a URL's
 * {@code user}/{@code password} win over the ones passed as properties, so the pod or the gateway would log in as the
 * admin, whom row-level security does not restrict.
 */
public final class DatabaseUrl {

    /** Parameter names pgjdbc reads as credentials, compared decoded and lower-cased. */
    private static final Set<String> CREDENTIALS = Set.of("user", "password", "sslpassword");

    private DatabaseUrl() {
    }

    public static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String parameters = query < 0 ? "" : Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(parameter -> !parameter.isEmpty() && !CREDENTIALS.contains(name(parameter)))
                .collect(Collectors.joining("&"));
        return withoutUserInfo(base) + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    /** {@code jdbc:postgresql://user:password@host/db} → {@code jdbc:postgresql://host/db}. */
    private static String withoutUserInfo(String base) {
        int authority = base.indexOf("//");
        if (authority < 0) {
            return base;
        }
        int start = authority + 2;
        int end = base.indexOf('/', start);
        String hosts = end < 0 ? base.substring(start) : base.substring(start, end);
        int at = hosts.lastIndexOf('@');
        return at < 0 ? base : base.substring(0, start) + hosts.substring(at + 1) + (end < 0 ? "" : base.substring(end));
    }

    private static String name(String parameter) {
        int equals = parameter.indexOf('=');
        String raw = equals < 0 ? parameter : parameter.substring(0, equals);
        return URLDecoder.decode(raw, StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT);
    }
}
