package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.PhoneProfile;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Optional;

/**
 * {@code get w:biz} with {@code <business_profile><profile jid=…/></business_profile>}: a business account's profile
 * (description, address, email, websites, category); a personal account's answer holds no {@code profile}.
 */
final class BusinessProfiles {
    private BusinessProfiles() {
    }

    static Optional<Node> answer(PhoneDirectory phones, Node iq) {
        if (!"w:biz".equals(iq.attributes().getString("xmlns", "")) || iq.findChild("business_profile").isEmpty()) {
            return Optional.empty();
        }
        var profiles = iq.findChild("business_profile").stream()
                .flatMap(asked -> asked.listChildren("profile").stream())
                .flatMap(asked -> asked.attributes().getOptionalJid("jid").stream())
                .flatMap(jid -> phones.find(jid.user()).stream()
                        .flatMap(phone -> Optional.ofNullable(phone.profile().business()).stream())
                        .map(business -> profile(jid, business)))
                .toList();
        return Optional.of(ServerNodes.result(iq, Node.of("business_profile", ServerNodes.attributes("v", 116), profiles)));
    }

    private static Node profile(Jid jid, PhoneProfile.Business business) {
        var children = new ArrayList<Node>();
        if (business.description() != null) {
            children.add(Node.of("description", java.util.Map.of(), business.description()));
        }
        if (business.address() != null) {
            children.add(Node.of("address", java.util.Map.of(), business.address()));
        }
        if (business.email() != null) {
            children.add(Node.of("email", java.util.Map.of(), business.email()));
        }
        business.websites().forEach(site -> children.add(Node.of("website", java.util.Map.of(), site)));
        if (business.category() != null) {
            children.add(Node.of("categories", Node.of("category", ServerNodes.attributes("id", "1"),
                    URLEncoder.encode(business.category(), StandardCharsets.UTF_8))));
        }
        return Node.of("profile", ServerNodes.attributes("jid", Jid.of(jid.user(), it.auties.whatsapp.model.jid.JidServer.whatsapp())), children);
    }
}
