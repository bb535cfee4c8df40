package io.kubezap.session.config;

import io.smallrye.config.ConfigValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A start-up that failed on a typed setting ({@link SessionConfig}: a duration, a size, a number, an enum name), said in
 * the operator's words: SmallRye Config names the property and its converter ({@code SRCFG00039: The config property
 * kubezap.qr.first-lifetime with the config value "soon" threw an Exception whilst being converted ...}), the pod names
 * the variable that was set, as {@link SettingsValidator} does for the values it reads as text.
 */
public final class ConfigurationFailure {

    private static final Pattern CONVERSION = Pattern.compile(
            "The config property (\\S+) with the config value \"(.*?)\" threw an Exception");
    private static final Pattern EMPTY = Pattern.compile("The config property (\\S+) is defined as the empty String");

    private ConfigurationFailure() {
    }

    /**
     * One line per setting that could not be read ({@code Invalid configuration: KUBEZAP_QR_FIRST_LIFETIME cannot be read
     * from 'soon'}); empty when {@code failure} is not a configuration's.
     */
    public static List<String> describe(Throwable failure) {
        List<String> lines = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigValidationException invalid) {
                for (int i = 0; i < invalid.getProblemCount(); i++) {
                    lines.add(line(invalid.getProblem(i).getMessage()));
                }
                return lines;
            }
        }
        return lines;
    }

    private static String line(String problem) {
        Matcher conversion = CONVERSION.matcher(problem);
        if (conversion.find()) {
            return invalid(conversion.group(1), "cannot be read from '" + conversion.group(2) + "'");
        }
        Matcher empty = EMPTY.matcher(problem);
        if (empty.find()) {
            return invalid(empty.group(1), "cannot be read from ''");
        }
        return "Invalid configuration: " + problem;
    }

    private static String invalid(String property, String problem) {
        return "Invalid configuration: " + environmentName(property) + " " + problem;
    }

    /** The variable SmallRye Config reads a property from ({@code kubezap.qr.first-lifetime}: KUBEZAP_QR_FIRST_LIFETIME). */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
