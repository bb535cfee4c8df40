package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.session.engine.BusinessHours;
import io.kubezap.session.engine.ContactProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The bridge's answers to {@code profile} and {@code picture} (PROTOCOL.md) as the engine port's profile records. */
final class BridgeProfiles {

    private BridgeProfiles() {
    }

    static ContactProfile profile(JsonNode answer) {
        var picture = picture(answer.path("picture"));
        JsonNode setAt = answer.get("aboutSetAt");
        return new ContactProfile(BridgeEvents.text(answer, "about"),
                setAt == null || setAt.isNull() ? null : Instant.ofEpochMilli(setAt.asLong()),
                picture.map(ContactProfile.Picture::id).orElse(null), picture.map(ContactProfile.Picture::url).orElse(null),
                business(answer.path("business")));
    }

    static Optional<ContactProfile.Picture> picture(JsonNode picture) {
        return picture.isObject() ? Optional.of(new ContactProfile.Picture(picture.path("id").asText(), picture.path("url").asText()))
                : Optional.empty();
    }

    private static ContactProfile.Business business(JsonNode business) {
        if (!business.isObject()) {
            return null;
        }
        return new ContactProfile.Business(BridgeEvents.text(business, "description"), BridgeEvents.text(business, "address"),
                BridgeEvents.text(business, "email"), texts(business.path("websites")), texts(business.path("categories")),
                hours(business.path("hours")));
    }

    private static BusinessHours hours(JsonNode hours) {
        if (!hours.isObject()) {
            return null;
        }
        var days = new ArrayList<BusinessHours.OpeningDay>();
        hours.path("days").forEach(day -> days.add(new BusinessHours.OpeningDay(day.path("day").asText(), day.path("mode").asText(),
                minutes(day.path("openTime")), minutes(day.path("closeTime")))));
        return new BusinessHours(BridgeEvents.text(hours, "timezone"), days);
    }

    private static Integer minutes(JsonNode value) {
        return value.isNumber() ? value.asInt() : null;
    }

    private static List<String> texts(JsonNode array) {
        var texts = new ArrayList<String>();
        array.forEach(text -> texts.add(text.asText()));
        return texts;
    }
}
