package io.kubezap.session.preview;

import io.kubezap.session.engine.LinkPreview;
import io.kubezap.session.media.UrlMediaFetcher;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a page's {@code og:title}, {@code og:description} and {@code og:image} (falling back to {@code <title>} and the
 * description meta tag) through {@link UrlMediaFetcher} — public addresses only unless the operator's allow-list admits
 * the host, redirects checked — with a size cap per document and one deadline for the whole card.
 */
@ApplicationScoped
public class OpenGraphPreviews implements PagePreviews {

    private static final Logger LOG = Logger.getLogger(OpenGraphPreviews.class);
    static final int MAX_PAGE_BYTES = 512 * 1024;
    static final int MAX_IMAGE_BYTES = 2 * 1024 * 1024;
    static final Duration DEADLINE = Duration.ofSeconds(5);

    private final UrlMediaFetcher fetcher;

    public OpenGraphPreviews(UrlMediaFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public Optional<LinkPreview> of(String link) {
        var card = CompletableFuture.supplyAsync(() -> read(link), task -> Thread.ofVirtual().start(task));
        try {
            return card.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            card.cancel(true);
            LOG.debugf("No preview for %s: the page took longer than %d s", link, DEADLINE.toSeconds());
        } catch (ExecutionException unreadable) {
            LOG.debugf("No preview for %s: %s", link, unreadable.getCause().getMessage());
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private Optional<LinkPreview> read(String link) {
        URI url = URI.create(link);
        Document page;
        try {
            page = Jsoup.parse(new String(fetcher.fetchBytes(url, MAX_PAGE_BYTES, DEADLINE), StandardCharsets.UTF_8), link);
        } catch (IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
        String title = meta(page, "og:title").orElse(page.title().isBlank() ? null : page.title().strip());
        String description = meta(page, "og:description").or(() -> meta(page, "description")).orElse(null);
        String canonical = meta(page, "og:url").orElse(link);
        String thumbnail = meta(page, "og:image").flatMap(image -> thumbnail(url.resolve(image))).orElse(null);
        if (title == null && description == null && thumbnail == null) {
            return Optional.empty();
        }
        return Optional.of(new LinkPreview(link, canonical, title, description, thumbnail));
    }

    /** The page's image, scaled down to a thumbnail; none when it cannot be fetched or read. */
    private Optional<String> thumbnail(URI image) {
        try {
            return Thumbnails.jpeg(fetcher.fetchBytes(image, MAX_IMAGE_BYTES, DEADLINE))
                    .map(Base64.getEncoder()::encodeToString);
        } catch (IOException | IllegalArgumentException unreadable) {
            LOG.debugf("Preview without a thumbnail: %s: %s", image, unreadable.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> meta(Document page, String name) {
        var tag = page.selectFirst("meta[property=" + name + "], meta[name=" + name + "]");
        return tag == null || tag.attr("content").isBlank() ? Optional.empty() : Optional.of(tag.attr("content").strip());
    }
}
