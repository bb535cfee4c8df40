package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;

import java.util.Optional;

/**
 * {@code get w:profile:picture} with {@code target=<jid>} and {@code <picture type="image" query="url"/>}: answered with
 * the picture's {@code id}, {@code url} and {@code direct_path} on the media host, or error 404 (item-not-found) when the
 * account has no picture or does not exist, 401 (not-authorized) when its privacy ({@code profile}) hides it from the
 * asker, as WhatsApp answers.
 */
final class ProfilePictures {
    private ProfilePictures() {
    }

    /** {@code asker}: the device that asks (empty: a stranger). */
    static Optional<Node> answer(PhoneDirectory phones, Optional<Jid> asker, Node iq) {
        if (!"w:profile:picture".equals(iq.attributes().getString("xmlns", ""))
                || !"get".equals(iq.attributes().getString("type", ""))) {
            return Optional.empty();
        }
        var owner = iq.attributes().getOptionalJid("target").flatMap(target -> phones.find(target.user()));
        if (owner.isPresent() && !shownTo(owner.get(), asker)) {
            return Optional.of(ServerNodes.error(iq, 401, "not-authorized"));
        }
        var profile = owner
                .map(phone -> phone.profile())
                .filter(found -> found.hasPicture());
        return Optional.of(profile
                .map(found -> ServerNodes.result(iq, picture(found.pictureId(), found.pictureUrl(), found.pictureDirectPath())))
                .orElseGet(() -> ServerNodes.error(iq, 404, "item-not-found")));
    }

    /** The owner's privacy ({@code profile}) lets the asker see the picture; the owner always sees its own. */
    private static boolean shownTo(SimulatedPhone owner, Optional<Jid> asker) {
        var number = asker.map(Jid::user).orElse("");
        return number.equals(owner.number()) || owner.privacy().shows("profile",
                owner.savedContacts().containsKey(Jid.of(number, JidServer.whatsapp()).toString()));
    }

    /** A picture as WhatsApp answers a query for it: {@code <picture id type="image" url direct_path/>}. */
    static Node picture(String id, String url, String directPath) {
        return Node.of("picture", ServerNodes.attributes("id", id, "type", "image", "url", url, "direct_path", directPath));
    }
}
