package io.kubezap.gateway.database;

import io.kubezap.schema.DatabaseUrl;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * The gateway logs in to the sessions' database with its own login ({@code quarkus.datasource.username}/{@code
 * password}); the URL the chart hands it is the admin's {@code jdbc-uri}, which may carry the admin's credentials
 * (CloudNativePG writes {@code ?user=…&password=…}) that pgjdbc would prefer. They are dropped before anything reads
 * the URL.
 */
@Priority(Priorities.APPLICATION)
public class UrlWithoutCredentials implements ConfigSourceInterceptor {

    static final String URL = "quarkus.datasource.jdbc.url";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (URL.equals(name) && value != null && value.getValue() != null) {
            return value.withValue(DatabaseUrl.withoutCredentials(value.getValue()));
        }
        return value;
    }
}
