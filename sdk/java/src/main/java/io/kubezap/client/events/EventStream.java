package io.kubezap.client.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kubezap.client.ApiClient;
import io.kubezap.client.ApiException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The live event stream ({@code GET …/events/stream}, Server-Sent Events), which a generator cannot make. Open it with
 * the same {@link ApiClient} as the generated APIs (its base URI and request interceptor, e.g. the key header).
 */
public final class EventStream {

    private EventStream() {
    }

    /**
     * Connected when it returns: every event from then on is in the stream (close it to disconnect). Without a
     * namespace the path is the default namespace's through the gateway, which is also a session pod's own.
     */
    public static Stream<LiveEvent> follow(ApiClient client, String namespace, String session, List<String> types)
            throws ApiException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(client, namespace, session, types))
                .header("Accept", "text/event-stream").GET();
        if (client.getRequestInterceptor() != null) {
            client.getRequestInterceptor().accept(request);
        }
        HttpResponse<Stream<String>> response;
        try {
            response = client.getHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new ApiException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(e);
        }
        if (response.statusCode() != 200) {
            String body = String.join("\n", response.body().toList());
            throw new ApiException(response.statusCode(), "the event stream answered " + response.statusCode(),
                    response.headers(), body);
        }
        Stream<String> lines = response.body();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Events(client, lines.iterator()), 0), false)
                .onClose(lines::close);
    }

    private static URI uri(ApiClient client, String namespace, String session, List<String> types) {
        String path = namespace == null
                ? "/api/v1/sessions/" + encode(session) + "/events/stream"
                : "/api/v1/namespaces/" + encode(namespace) + "/sessions/" + encode(session) + "/events/stream";
        StringBuilder query = new StringBuilder();
        for (String type : types) {
            query.append(query.isEmpty() ? "?" : "&").append("type=").append(encode(type));
        }
        return URI.create(client.getBaseUri() + path + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** SSE framing: the {@code data:} lines of one event, ended by an empty line. */
    private record Events(ApiClient client, Iterator<String> lines) implements Iterator<LiveEvent> {

        @Override
        public boolean hasNext() {
            return lines.hasNext();
        }

        @Override
        public LiveEvent next() {
            List<String> data = new ArrayList<>();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    data.add(line.substring(5).stripLeading());
                } else if (line.isEmpty() && !data.isEmpty()) {
                    return parse(String.join("\n", data));
                }
            }
            throw new NoSuchElementException("the event stream ended");
        }

        private LiveEvent parse(String json) {
            try {
                return client.getObjectMapper().readValue(json, LiveEvent.class);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
