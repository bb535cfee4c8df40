package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.PhoneProfile;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code w:biz} {@code <business_profile>}: {@code get} with {@code <profile jid=…/>} answers a business account's profile
 * (description, address, email, websites, category, business hours); a personal account's answer holds no
 * {@code profile}. {@code set} with {@code mutation_type="delta"} is the asking account changing its own: the fields it
 * names replace theirs (all {@code website}s together, {@code business_hours} as a whole), the rest stay; a personal
 * account has no business profile to change (403).
 */
final class BusinessProfiles {
    /** The hours' modes WhatsApp Business offers, and its days. */
    private static final List<String> MODES = List.of("specific_hours", "open_24h", "appointment_only");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private BusinessProfiles() {
    }

    /** {@code asker}: the companion that asks, empty before it logged in. */
    static Optional<Node> answer(PhoneDirectory phones, Optional<Jid> asker, Node iq) {
        if (!"w:biz".equals(iq.attributes().getString("xmlns", "")) || iq.findChild("business_profile").isEmpty()) {
            return Optional.empty();
        }
        if ("set".equals(iq.attributes().getString("type", ""))) {
            return asker.flatMap(device -> phones.find(device.user())).map(account -> change(account, iq));
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

    private static Node change(SimulatedPhone account, Node iq) {
        var current = account.profile().business();
        var delta = iq.findChild("business_profile").orElseThrow();
        if (current == null) {
            return ServerNodes.error(iq, 403, "forbidden");
        }
        if (!"delta".equals(delta.attributes().getString("mutation_type", ""))) {
            return ServerNodes.error(iq, 400, "bad-request");
        }
        var websites = delta.listChildren("website").stream().map(BusinessProfiles::text).toList();
        PhoneProfile.Hours hours;
        try {
            hours = delta.findChild("business_hours").map(BusinessProfiles::hours).orElse(current.hours());
        } catch (IllegalArgumentException refused) {
            return ServerNodes.error(iq, 400, "bad-request");
        }
        account.profile(account.profile().withBusiness(new PhoneProfile.Business(current.name(),
                text(delta, "description").orElse(current.description()), text(delta, "address").orElse(current.address()),
                text(delta, "email").orElse(current.email()), websites.isEmpty() ? current.websites() : websites,
                current.category(), hours)));
        return ServerNodes.result(iq);
    }

    private static Optional<String> text(Node delta, String field) {
        return delta.findChild(field).map(BusinessProfiles::text);
    }

    /** Clients' encoders write a text with an {@code @} (an e-mail address) as a JID pair: both are the same text. */
    private static String text(Node field) {
        return field.content() instanceof Jid jid ? jid.toString() : field.contentAsString().orElse("");
    }

    private static PhoneProfile.Hours hours(Node node) {
        var days = node.listChildren("business_hours_config").stream().map(config -> {
            var attributes = config.attributes();
            var day = attributes.getString("day_of_week", "");
            var mode = attributes.getString("mode", "");
            if (!DAYS.contains(day) || !MODES.contains(mode)) {
                throw new IllegalArgumentException("no such day or mode");
            }
            return "specific_hours".equals(mode)
                    ? new PhoneProfile.Hours.Day(day, mode, minutes(attributes.getString("open_time", "")),
                    minutes(attributes.getString("close_time", "")))
                    : new PhoneProfile.Hours.Day(day, mode, null, null);
        }).toList();
        return new PhoneProfile.Hours(node.attributes().getString("timezone", ""), days);
    }

    private static int minutes(String value) {
        var minutes = Integer.parseInt(value);
        if (minutes < 0 || minutes > 24 * 60) {
            throw new IllegalArgumentException("not a minute of the day");
        }
        return minutes;
    }

    private static Node profile(Jid jid, PhoneProfile.Business business) {
        var children = new ArrayList<Node>();
        if (business.description() != null) {
            children.add(Node.of("description", Map.of(), business.description()));
        }
        if (business.address() != null) {
            children.add(Node.of("address", Map.of(), business.address()));
        }
        if (business.email() != null) {
            children.add(Node.of("email", Map.of(), business.email()));
        }
        business.websites().forEach(site -> children.add(Node.of("website", Map.of(), site)));
        if (business.category() != null) {
            children.add(Node.of("categories", Node.of("category", ServerNodes.attributes("id", "1"),
                    URLEncoder.encode(business.category(), StandardCharsets.UTF_8))));
        }
        if (business.hours() != null) {
            children.add(hoursNode(business.hours()));
        }
        return Node.of("profile", ServerNodes.attributes("jid", Jid.of(jid.user(), it.auties.whatsapp.model.jid.JidServer.whatsapp())), children);
    }

    private static Node hoursNode(PhoneProfile.Hours hours) {
        var days = hours.days().stream().map(day -> {
            var attributes = new java.util.LinkedHashMap<String, Object>();
            attributes.put("day_of_week", day.day());
            attributes.put("mode", day.mode());
            if (day.openTime() != null) {
                attributes.put("open_time", String.valueOf(day.openTime()));
                attributes.put("close_time", String.valueOf(day.closeTime()));
            }
            return Node.of("business_hours_config", attributes);
        }).toList();
        return Node.of("business_hours", ServerNodes.attributes("timezone", hours.timezone()), days);
    }
}
