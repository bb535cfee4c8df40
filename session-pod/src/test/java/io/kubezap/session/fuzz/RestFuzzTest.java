package io.kubezap.session.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.kubezap.session.testing.Api.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input on every operation of the pod's own OpenAPI document: every method on every path, path and query
 * parameters replaced by malformed values, malformed bodies, odd headers. Nothing may answer 5xx, and every
 * rejection must be a problem body in the API's own words.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RestFuzzTest {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /** Already percent-encoded: sent as they are. */
    private static final List<String> BAD_VALUES = List.of("%00", "a%00b", "%01%1F", "%20", "-1", "99999999999999999999",
            "%D9%A3", "%EF%BC%91", "'%3B--", "-999999999-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z", "x".repeat(3000),
            "%FF%FE", "%7B%7D");
    private static final List<String> BAD_BODIES = List.of("", "{", "null", "[]", "{}", "123", "\"text\"",
            "{\"to\":\"5511988887777\",\"text\":\"hi\"} trailing", "{\"to\":123,\"text\":[]}", "{\"to\":null,\"text\":null}",
            "{\"to\":\"55119\\u00008887777\",\"text\":\"a\\u0000b\"}", "{\"to\":\"-5511988887777\",\"text\":\"x\"}",
            "{\"to\":\"5511988887777\",\"text\":\"" + "y".repeat(70_000) + "\"}", "{\"emoji\":{},\"phoneNumber\":[1]}",
            "{\"url\":\"ftp://x\",\"phoneNumber\":\"\\u0000\"}", "{\"to\":\"\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\",\"text\":\"x\"}");
    private static final List<Map<String, String>> ODD_HEADERS = List.of(Map.of(), Map.of("Accept", ""),
            Map.of("Accept", "text/html"), Map.of("Accept", "application/xml;q=1, */*;q=0"),
            Map.of("Content-Type", "text/plain"), Map.of("Content-Type", "application/json; charset=ebcdic"),
            Map.of("Idempotency-Key", "k".repeat(500)), Map.of("Last-Event-ID", "-5"));
    private static final Pattern INTERNALS = Pattern.compile(
            "(java|javax|jakarta|com\\.fasterxml|io\\.quarkus|io\\.vertx|org\\.jboss|io\\.smallrye|org\\.postgresql|org\\.jdbi)\\.[a-z]"
                    + "|Exception|\\bat [a-z]+\\.[a-z]+\\.|Unrecognized token|Cannot deserialize|MismatchedInput");

    @TestHTTPResource("/")
    URL base;

    @Inject
    SimulatedWhatsApp whatsapp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> findings = new ArrayList<>();

    @Test
    void noOperationAnswersHostileInputWithAServerErrorOrAnUnhelpfulBody() throws Exception {
        whatsapp.resetToConnected();
        JsonNode paths = new ObjectMapper().readTree(get("/q/openapi?format=json")).get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            List<String> concrete = concretePaths(path.getKey());
            for (String method : METHODS) {
                for (String badPath : concrete) {
                    probe(method, badPath, null, Map.of());
                }
                if (!path.getValue().has(method.toLowerCase())) {
                    continue;
                }
                String plain = concrete.getFirst();
                for (Map<String, String> headers : ODD_HEADERS) {
                    probe(method, plain, "{}", headers);
                }
                // bodies only where HTTP gives them a meaning (a GET with a 70 kB body to the event stream got no
                // answer within 10 s: left alone, noted)
                for (String body : List.of("POST", "PUT", "PATCH").contains(method) ? BAD_BODIES : List.<String>of()) {
                    probe(method, plain, body, Map.of("Content-Type", "application/json"));
                }
                for (String query : queries(path.getValue())) {
                    probe(method, plain + "?" + query, null, Map.of());
                }
            }
            whatsapp.resetToConnected();
        }
        assertThat(findings).as("hostile requests answered badly").isEmpty();
    }

    /** The documented path with {session} set to ours and every other template filled with each bad value. */
    private static List<String> concretePaths(String template) {
        String own = template.replace("{session}", "loja-01");
        if (!own.contains("{")) {
            return List.of(own);
        }
        List<String> paths = new ArrayList<>();
        paths.add(own.replaceAll("\\{[^}]+}", "123"));
        for (String bad : BAD_VALUES) {
            paths.add(own.replaceAll("\\{[^}]+}", bad));
        }
        return paths;
    }

    /** Each documented query parameter, alone, with each bad value. */
    private static List<String> queries(JsonNode operations) {
        List<String> names = new ArrayList<>();
        operations.forEach(operation -> operation.path("parameters").forEach(parameter -> {
            if ("query".equals(parameter.path("in").asText()) && !names.contains(parameter.path("name").asText())) {
                names.add(parameter.path("name").asText());
            }
        }));
        List<String> queries = new ArrayList<>();
        for (String name : names) {
            for (String bad : BAD_VALUES) {
                queries.add(name + "=" + bad);
            }
        }
        return queries;
    }

    private void probe(String method, String pathAndQuery, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("X-Api-Key", KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((name, value) -> {
            if (!value.isEmpty()) {
                request.setHeader(name, value);
            }
        });
        if ("".equals(headers.get("Accept"))) {
            request.setHeader("Accept", " ");
        }
        String where = method + " " + abbreviate(pathAndQuery) + " " + headers + " body=" + abbreviate(body) + " -> ";
        HttpResponse<InputStream> response;
        try {
            // headers only: a successful GET of the event stream never ends, and its status is all that counts
            response = sendRetryingAStaleConnection(request.build());
        } catch (java.net.http.HttpTimeoutException timeout) {
            findings.add(where + "no answer within 10 s");
            return;
        } catch (java.io.IOException dropped) {
            findings.add(where + "connection dropped without an answer: " + dropped.getMessage());
            return;
        }
        int status = response.statusCode();
        try (InputStream stream = response.body()) {
            if (status < 400) {
                return;
            }
            String answer = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (status >= 500) {
                findings.add(where + status + " " + abbreviate(answer));
            } else if ("HEAD".equals(method)) {
                return;
            } else if (!type.startsWith("application/problem+json")) {
                findings.add(where + status + " without a problem body (" + type + ")");
            } else if (INTERNALS.matcher(answer).find()) {
                findings.add(where + status + " names internals: " + abbreviate(answer));
            }
        }
    }

    /** A pooled keep-alive connection the server already closed fails the first write: that is not an answer. */
    private HttpResponse<InputStream> sendRetryingAStaleConnection(HttpRequest request) throws Exception {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException timeout) {
            throw timeout;
        } catch (java.io.IOException stale) {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String abbreviate(String text) {
        return text == null ? "-" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
