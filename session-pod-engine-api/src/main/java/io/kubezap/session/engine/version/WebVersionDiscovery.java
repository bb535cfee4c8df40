package io.kubezap.session.engine.version;

import org.jboss.logging.Logger;

import io.kubezap.session.engine.WhatsAppRoute;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Learns the current WhatsApp Web version the way open clients do (Baileys' {@code fetchLatestWaWebVersion}): the
 * service worker {@code https://web.whatsapp.com/sw.js} carries {@code \"client_revision\":<n>} (the page itself carries
 * it unescaped, which is read too), and the version is {@code 2.3000.<n>}. The request goes the way the WhatsApp socket
 * goes (the JVM's proxy settings, the session's proxy), follows redirects, looks like a browser's (as Cobalt's later
 * code does) and gives up after a short timeout: a start never waits long on it.
 */
public final class WebVersionDiscovery {

    private static final Logger LOG = Logger.getLogger(WebVersionDiscovery.class);
    private static final Pattern CLIENT_REVISION = Pattern.compile("\\\\?\"client_revision\\\\?\":\\s*(\\d{1,12})");
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/136.0.0.0 Safari/537.36";
    private static final int MOST_BYTES_READ = 4 << 20;

    private final URI source;
    private final Duration timeout;
    private final WhatsAppRoute route;

    public WebVersionDiscovery(URI source, Duration timeout) {
        this(source, timeout, WhatsAppRoute.DIRECT);
    }

    /** {@code route}: the session's way to WhatsApp, its proxy if it has one. */
    public WebVersionDiscovery(URI source, Duration timeout, WhatsAppRoute route) {
        this.source = source;
        this.timeout = timeout;
        this.route = route;
    }

    public URI source() {
        return source;
    }

    /** The version announced now, or empty (and a warning saying why) when it cannot be learnt. */
    public Optional<String> learn() {
        var proxy = route.httpProxy().map(uri -> ProxySelector.of(new InetSocketAddress(uri.getHost(), uri.getPort())))
                .orElse(ProxySelector.getDefault());
        // HTTP/1.1, as the WhatsApp socket's upgrade: the JDK's HTTP/2 client (frames, HPACK) stays unloaded
        try (var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(proxy).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build()) {
            var request = HttpRequest.newBuilder(source).timeout(timeout).GET()
                    .header("User-Agent", BROWSER)
                    .header("Accept", "*/*")
                    .header("Accept-Language", "en-US,en;q=0.9")
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (var body = response.body()) {
                if (response.statusCode() != 200) {
                    LOG.warnf("Cannot learn the current WhatsApp Web version: %s answered %d", source, response.statusCode());
                    return Optional.empty();
                }
                var text = new String(body.readNBytes(MOST_BYTES_READ), java.nio.charset.StandardCharsets.UTF_8);
                var version = versionIn(text);
                if (version.isEmpty()) {
                    LOG.warnf("Cannot learn the current WhatsApp Web version: %s announces no client_revision", source);
                }
                return version;
            }
        } catch (IOException | RuntimeException unreachable) {
            LOG.warnf("Cannot learn the current WhatsApp Web version from %s: %s", source, unreachable.toString());
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code 2.3000.<client_revision>} from what web.whatsapp.com serves, if it says. */
    static Optional<String> versionIn(String served) {
        var match = CLIENT_REVISION.matcher(served);
        return match.find() ? Optional.of("2.3000." + Long.parseLong(match.group(1))) : Optional.empty();
    }
}
