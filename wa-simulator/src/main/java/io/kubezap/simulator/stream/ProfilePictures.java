package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import it.auties.whatsapp.model.node.Node;

import java.util.Optional;

/**
 * {@code get w:profile:picture} with {@code target=<jid>} and {@code <picture type="image" query="url"/>}: answered with
 * the picture's {@code id}, {@code url} and {@code direct_path} on the media host, or error 404 (item-not-found) when the
 * account has no picture or does not exist, as WhatsApp answers.
 */
final class ProfilePictures {
    private ProfilePictures() {
    }

    static Optional<Node> answer(PhoneDirectory phones, Node iq) {
        if (!"w:profile:picture".equals(iq.attributes().getString("xmlns", ""))
                || !"get".equals(iq.attributes().getString("type", ""))) {
            return Optional.empty();
        }
        var profile = iq.attributes().getOptionalJid("target")
                .flatMap(target -> phones.find(target.user()))
                .map(phone -> phone.profile())
                .filter(found -> found.hasPicture());
        return Optional.of(profile
                .map(found -> ServerNodes.result(iq, picture(found.pictureId(), found.pictureUrl(), found.pictureDirectPath())))
                .orElseGet(() -> ServerNodes.error(iq, 404, "item-not-found")));
    }

    /** A picture as WhatsApp answers a query for it: {@code <picture id type="image" url direct_path/>}. */
    static Node picture(String id, String url, String directPath) {
        return Node.of("picture", ServerNodes.attributes("id", id, "type", "image", "url", url, "direct_path", directPath));
    }
}
