package io.kubezap.session.preview;

import io.kubezap.session.engine.LinkPreview;

import java.util.Optional;

/** The preview card of a web page, made by reading it (Open Graph tags) through the egress rule of sends by URL. */
public interface PagePreviews {

    /** The card for {@code link}, or empty when the page cannot be read within the caps or says nothing. */
    Optional<LinkPreview> of(String link);
}
