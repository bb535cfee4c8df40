package io.kubezap.session.call;

import java.util.Optional;

/** {@code GET /calls} filters; {@code from} is a full JID. */
public record CallFilter(Optional<String> status, Optional<String> from, Optional<Boolean> video) {
}
