package io.kubezap.session.sink;

import io.kubezap.session.egress.CheckedHttp;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * The AWS SDK's HTTP client for SQS sinks: every request goes to the one address the egress rule checked for the
 * endpoint's host ({@link CheckedHttp#exchangeAt}), never to the name again; the request keeps the SDK's headers, its
 * signed {@code Host} included, and TLS the endpoint's host. The SDK's own clients resolve the name at each
 * connection and take no address.
 */
final class PinnedSdkHttpClient implements SdkHttpClient {

    /** SQS answers are small: its largest, a batch of received messages, stays under 3 MiB. */
    static final int MAX_ANSWER = 4 * 1024 * 1024;

    private final CheckedHttp http;
    private final InetAddress address;
    private final Duration timeout;

    PinnedSdkHttpClient(CheckedHttp http, InetAddress address, Duration timeout) {
        this.http = http;
        this.address = address;
        this.timeout = timeout;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                return execute(request);
            }

            @Override
            public void abort() {
                // the exchange ends at its timeout
            }
        };
    }

    private HttpExecuteResponse execute(HttpExecuteRequest request) throws IOException {
        SdkHttpRequest sdk = request.httpRequest();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        sdk.forEachHeader(headers::add);
        byte[] body = request.contentStreamProvider().isPresent() ? readAll(request.contentStreamProvider().get().newStream()) : null;
        CheckedHttp.Answer answer;
        try {
            answer = http.exchangeAt(address, HttpMethod.valueOf(sdk.method().name()), sdk.getUri(), headers, body, timeout);
        } catch (TimeoutException e) {
            throw new IOException("SQS did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for SQS");
        }
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(answer.status()).headers(headersOf(answer.headers())).build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body())))
                .build();
    }

    private static byte[] readAll(InputStream stream) throws IOException {
        try (stream) {
            return stream.readAllBytes();
        }
    }

    private static Map<String, List<String>> headersOf(MultiMap headers) {
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> all.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value));
        return all;
    }

    @Override
    public void close() {
        http.close();
    }
}
