package io.kubezap.session.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.filter.EventSubject;
import io.kubezap.session.event.FilterEntry;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.scope.PerSession;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The configured receivers, read once at start from the JSON file named by KUBEZAP_WEBHOOKS_FILE
 * (the operator renders it from {@code spec.webhooks}; secrets are separate files from the mounted Secrets):
 * {@code [{"url": "https://…", "events": ["message.received"], "filter": {…}, "secretFile": "0"}]}; a relative
 * {@code secretFile} is resolved next to the webhooks file (both come from one projected volume, wherever it is
 * mounted). {@code "secret"} may carry the value inline instead (local mode). {@code "headers"} and {@code "auth"}:
 * {@link io.kubezap.contract.WebhookFile#HEADERS}, {@link AuthEntry}. Each session its own: a pod's from its environment,
 * a host's session's from its entry (its file among the entry's files).
 */
@PerSession
public class WebhookEndpoints {

    static final String VARIABLE = PodEnvironment.WEBHOOKS_FILE;
    private static final Pattern SAFE_SCHEME = Pattern.compile("[a-z][a-z0-9+.-]{0,15}");

    private final List<WebhookEndpoint> endpoints;

    @Inject
    public WebhookEndpoints(HostedSessions sessions, ObjectMapper json) {
        this(sessions.current().config().webhooksFile().map(file -> load(Path.of(file), json)).orElse(List.of()));
    }

    WebhookEndpoints(List<WebhookEndpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    public List<WebhookEndpoint> all() {
        return endpoints;
    }

    /** Every endpoint as {@code GET /webhooks} shows it, with what the egress rules in {@code admin} say of each. */
    public List<WebhookView> views(io.kubezap.session.config.AdminEgressLists admin) {
        WebhookTargets targets = WebhookTargets.of(admin);
        return endpoints.stream().map(endpoint -> WebhookView.of(endpoint, targets)).toList();
    }

    public Optional<WebhookEndpoint> byUrl(String url) {
        return endpoints.stream().filter(e -> e.url().toString().equals(url)).findFirst()
                .or(() -> endpoints.stream().filter(e -> e.redactedUrl().equals(url)).findFirst());
    }

    public List<WebhookEndpoint> wanting(String eventType, Supplier<EventSubject> subject) {
        return endpoints.stream().filter(e -> e.wants(eventType, subject)).toList();
    }

    /**
     * The file may hold secrets (inline {@code secret}, tokens in URLs), so what goes wrong is described by its
     * place in the file, never by the text found there, and the parser's own exception (which quotes the text) is
     * not kept as a cause.
     */
    static List<WebhookEndpoint> load(Path file, ObjectMapper json) {
        Entry[] entries;
        try {
            entries = json.readValue(Files.readString(file), Entry[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(VARIABLE + "=" + file + ": not a JSON list of webhooks ("
                    + where(e.getLocation()) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(VARIABLE + "=" + file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            endpoints.add(entries[i].toEndpoint(file, i));
        }
        return endpoints;
    }

    private static String where(JsonLocation location) {
        return location == null ? "unreadable" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String url, List<String> events, FilterEntry filter, String secretFile, String secret,
                 Map<String, String> headers, AuthEntry auth) {

        WebhookEndpoint toEndpoint(Path file, int index) {
            String where = VARIABLE + "=" + file + " entry " + index;
            return new WebhookEndpoint(url(where), events == null ? Set.of() : Set.copyOf(events),
                    FilterEntry.toFilter(filter, where), secret(file, where), WebhookHeaders.check(headers, where),
                    auth == null ? WebhookAuth.NONE : auth.toAuth(file, where));
        }

        /** Never echoes the value: a URL may carry a token or a password. */
        private URI url(String where) {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException(where + ": url is required");
            }
            URI parsed;
            try {
                parsed = new URI(url.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(where + ": url is not a valid URL (at character " + e.getIndex() + ")");
            }
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
                throw new IllegalArgumentException(where + ": url must be an http(s) URL with a host"
                        + (SAFE_SCHEME.matcher(scheme).matches() ? ", got a " + scheme + " URL" : ""));
            }
            return parsed;
        }

        private Optional<WebhookSecret> secret(Path file, String where) {
            try {
                if (secretFile != null) {
                    return Optional.of(WebhookSecret.parse(Files.readString(file.resolveSibling(secretFile))));
                }
                return Optional.ofNullable(secret).map(WebhookSecret::parse);
            } catch (IOException e) {
                throw new IllegalArgumentException(where + ": secretFile cannot be read (" + e.getClass().getSimpleName() + ")");
            } catch (IllegalArgumentException e) {
                // WebhookSecret's messages describe the form, never the value
                throw new IllegalArgumentException(where + ": bad secret (" + e.getMessage() + ")");
            }
        }
    }
}
