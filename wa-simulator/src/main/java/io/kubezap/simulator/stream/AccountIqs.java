package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The IQs a companion sends about its own account, as WhatsApp answers them: {@code privacy} get (every category and
 * its value) and set ({@code <category name value/>}, echoed; 400 for a category or value WhatsApp does not offer),
 * {@code status} set (the about text; 400 beyond 139 characters) and {@code w:profile:picture} set without a
 * {@code target} (the account's own picture: a JPEG, or no content to remove it; answered with the new picture's id).
 */
final class AccountIqs {
    private final PhoneDirectory phones;
    private final AccountProfiles profiles;

    AccountIqs(PhoneDirectory phones, AccountProfiles profiles) {
        this.phones = phones;
        this.profiles = profiles;
    }

    /** {@code device}: the companion that asks, empty before it logged in. */
    Optional<Node> answer(Optional<Jid> device, Node iq) {
        var xmlns = iq.attributes().getString("xmlns", "");
        var type = iq.attributes().getString("type", "");
        var account = device.flatMap(companion -> phones.find(companion.user()));
        if (account.isEmpty()) {
            return Optional.empty();
        }
        return switch (xmlns + " " + type) {
            case "privacy get" -> Optional.of(privacy(iq, account.get()));
            case "privacy set" -> Optional.of(setPrivacy(iq, account.get()));
            case "status set" -> Optional.of(setAbout(iq, account.get()));
            case "disappearing_mode set" -> Optional.of(setDefaultDisappearing(iq, account.get()));
            case "w:profile:picture set" -> ownTarget(iq, account.get()) ? Optional.of(setPicture(iq, account.get())) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The account's default timer for new chats: {@code <disappearing_mode duration/>}, WhatsApp's durations only. */
    private static Node setDefaultDisappearing(Node iq, SimulatedPhone account) {
        var duration = iq.findChild("disappearing_mode").map(mode -> mode.attributes().getString("duration", "")).orElse("");
        if (!java.util.List.of("0", "86400", "604800", "7776000").contains(duration)) {
            return ServerNodes.error(iq, 400, "bad-request");
        }
        account.disappearing().accountDefault(Integer.parseInt(duration));
        return ServerNodes.result(iq);
    }

    private static Node privacy(Node iq, SimulatedPhone account) {
        var categories = account.privacy().all().entrySet().stream()
                .map(setting -> category(setting.getKey(), setting.getValue())).toList();
        return ServerNodes.result(iq, Node.of("privacy", categories));
    }

    private static Node setPrivacy(Node iq, SimulatedPhone account) {
        var asked = iq.findChild("privacy").map(privacy -> privacy.listChildren("category")).orElse(java.util.List.of());
        if (asked.isEmpty()) {
            return ServerNodes.error(iq, 400, "bad-request");
        }
        try {
            asked.forEach(category -> account.privacy().set(category.attributes().getString("name", ""),
                    category.attributes().getString("value", "")));
        } catch (IllegalArgumentException refused) {
            return ServerNodes.error(iq, 400, "bad-request");
        }
        return ServerNodes.result(iq, Node.of("privacy", asked.stream().map(category -> category(
                category.attributes().getString("name", ""), category.attributes().getString("value", ""))).toList()));
    }

    private Node setAbout(Node iq, SimulatedPhone account) {
        var about = iq.findChild("status").flatMap(Node::contentAsBytes).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
        if (about.isEmpty() || about.get().length() > AccountProfiles.ABOUT_MAX_LENGTH) {
            return ServerNodes.error(iq, 400, "bad-request");
        }
        profiles.change(account, about.get(), null, null);
        return ServerNodes.result(iq);
    }

    private Node setPicture(Node iq, SimulatedPhone account) {
        var jpeg = iq.findChild("picture").flatMap(Node::contentAsBytes).filter(bytes -> bytes.length > 0);
        if (jpeg.isEmpty()) {
            profiles.removePicture(account);
            return ServerNodes.result(iq);
        }
        var profile = profiles.change(account, null, jpeg.get(), null);
        return ServerNodes.result(iq, Node.of("picture", ServerNodes.attributes("id", profile.pictureId())));
    }

    private static boolean ownTarget(Node iq, SimulatedPhone account) {
        return iq.attributes().getOptionalJid("target").map(target -> target.user().equals(account.number())).orElse(true);
    }

    private static Node category(String name, String value) {
        return Node.of("category", Map.of("name", name, "value", value));
    }
}
