package io.kubezap.session.business;

import io.kubezap.session.engine.BusinessHours;
import io.kubezap.session.engine.BusinessProfileChange;
import io.kubezap.contract.Problem.FieldError;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * {@code PUT /profile/business}: the fields given replace WhatsApp's, the rest stay. {@code hours}: a time zone and a
 * day each, as the Business app sets them (see {@link BusinessHours}).
 */
public record BusinessProfileRequest(String description, String address, String email, List<String> websites,
                                     BusinessHours hours) {
    /** The Business app's limits: a description of 256 characters, an address of 256, two websites. */
    static final int TEXT_MAX = 256;
    static final int WEBSITES_MAX = 2;
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final List<String> MODES = List.of("specific_hours", "open_24h", "appointment_only");
    private static final int DAY_MINUTES = 24 * 60;

    /** What is wrong with the request, field by field; empty when WhatsApp can take it. */
    List<FieldError> errors() {
        var errors = new ArrayList<FieldError>();
        if (description == null && address == null && email == null && websites == null && hours == null) {
            errors.add(new FieldError("description", "give description, address, email, websites or hours"));
        }
        longerThan(errors, "description", description);
        longerThan(errors, "address", address);
        if (email != null && !email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.add(new FieldError("email", "must be an e-mail address"));
        }
        if (websites != null) {
            websiteErrors(errors);
        }
        if (hours != null) {
            hoursErrors(errors);
        }
        return errors;
    }

    BusinessProfileChange change() {
        return new BusinessProfileChange(description, address, email, websites, hours);
    }

    private static void longerThan(List<FieldError> errors, String field, String value) {
        if (value != null && value.length() > TEXT_MAX) {
            errors.add(new FieldError(field, "must be at most " + TEXT_MAX + " characters"));
        }
    }

    private void websiteErrors(List<FieldError> errors) {
        if (websites.isEmpty() || websites.size() > WEBSITES_MAX) {
            errors.add(new FieldError("websites", "must list 1 to " + WEBSITES_MAX + " addresses"));
        }
        for (int i = 0; i < websites.size(); i++) {
            if (!isWebAddress(websites.get(i))) {
                errors.add(new FieldError("websites[" + i + "]", "must be an http or https address"));
            }
        }
    }

    private static boolean isWebAddress(String site) {
        try {
            var uri = site == null ? null : URI.create(site);
            return uri != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }

    private void hoursErrors(List<FieldError> errors) {
        try {
            ZoneId.of(hours.timezone() == null ? "" : hours.timezone());
        } catch (DateTimeException unknown) {
            errors.add(new FieldError("hours.timezone", "must be a time zone such as America/Sao_Paulo"));
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < hours.days().size(); i++) {
            var day = hours.days().get(i);
            var field = "hours.days[" + i + "]";
            if (!DAYS.contains(day.day()) || !seen.add(day.day())) {
                errors.add(new FieldError(field + ".day", "must be one of " + DAYS + ", each once"));
            }
            if (!MODES.contains(day.mode())) {
                errors.add(new FieldError(field + ".mode", "must be one of " + MODES));
            } else if ("specific_hours".equals(day.mode()) && !withinTheDay(day)) {
                errors.add(new FieldError(field, "specific_hours needs openTime before closeTime, minutes from 0 to " + DAY_MINUTES));
            }
        }
    }

    private static boolean withinTheDay(BusinessHours.OpeningDay day) {
        return day.openTime() != null && day.closeTime() != null && day.openTime() >= 0
                && day.openTime() < day.closeTime() && day.closeTime() <= DAY_MINUTES;
    }
}
