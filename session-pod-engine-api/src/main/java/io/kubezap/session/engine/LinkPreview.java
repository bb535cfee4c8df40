package io.kubezap.session.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The card WhatsApp shows under a text with a link: the link as it appears in the text ({@code matchedText}), the
 * page's canonical URL, title, description and a small JPEG thumbnail (base64). Every field but the link may be null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinkPreview(String matchedText, String url, String title, String description, String thumbnail) {
}
