package io.kubezap.session.config;

import io.kubezap.contract.EngineKind;
import io.kubezap.contract.HistoryDepth;
import io.kubezap.contract.PairingMethod;
import io.kubezap.contract.PodEnvironment;
import io.quarkus.runtime.configuration.ConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns the raw environment into {@link SessionSettings}; the first wrong value ends start-up with one line. */
public final class SettingsValidator {

    /** The pod's own alternative to {@link PodEnvironment#API_KEY}: a file that holds the key (a mounted Secret). */
    public static final String API_KEY_FILE = "KUBEZAP_API_KEY_FILE";

    private static final Pattern SESSION_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern PHONE_DIGITS = Pattern.compile("\\d{8,15}");
    /** The pod's own: the operator does not set it. */
    private static final String WA_VERSION_URL = "KUBEZAP_WA_VERSION_URL";
    private static final Pattern WA_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

    private SettingsValidator() {
    }

    public static SessionSettings validate(SessionConfig config) {
        String name = config.session().map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> invalid(PodEnvironment.SESSION, "is required (the session name)"));
        require(SESSION_NAME.matcher(name).matches(), PodEnvironment.SESSION,
                "must be a DNS label (lower-case letters, digits, '-'), got '" + name + "'");
        require(SESSION_NAME.matcher(config.namespace()).matches(), PodEnvironment.NAMESPACE,
                "must be a DNS label, got '" + config.namespace() + "'");
        PairingMethod method = pairingMethod(config.pairingMethod());
        Optional<String> phone = config.pairingPhone().map(String::trim).filter(s -> !s.isEmpty());
        phone.ifPresent(p -> require(PHONE_DIGITS.matcher(p).matches(), PodEnvironment.PAIRING_PHONE,
                "must be 8 to 15 digits (country code first, no '+'), got '" + p + "'"));
        require(method != PairingMethod.PairingCode || phone.isPresent(), PodEnvironment.PAIRING_PHONE,
                "is required when " + PodEnvironment.PAIRING_METHOD + " is " + PairingMethod.PairingCode);
        Optional<String> waVersion = waVersion(config);
        return new SessionSettings(name, config.namespace(), apiKey(config), Path.of(config.dataDir()),
                method, phone, sendRate(config.sendRatePerMinute()), waVersion, config.localMode(),
                config.presence().markOnlineOnConnect(), engine(config.engine()), history(config.history()));
    }

    /** The WhatsApp Web version to announce, when one is set, and where to learn it: the JVM's, shared by its sessions. */
    public static Optional<String> waVersion(SessionConfig config) {
        Optional<String> waVersion = config.waVersion().map(String::trim).filter(v -> !v.isEmpty());
        waVersion.ifPresent(v -> require(WA_VERSION.matcher(v).matches(), PodEnvironment.WA_VERSION,
                "must look like 2.3000.1022032575, got '" + v + "'"));
        require(isHttpUrl(config.waVersionUrl()), WA_VERSION_URL,
                "must be an http(s) URL, got '" + config.waVersionUrl() + "'");
        return waVersion;
    }

    private static boolean isHttpUrl(String raw) {
        try {
            var url = java.net.URI.create(raw.trim());
            return ("https".equals(url.getScheme()) || "http".equals(url.getScheme())) && url.getHost() != null;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static PairingMethod pairingMethod(String raw) {
        return Arrays.stream(PairingMethod.values())
                .filter(m -> m.name().equalsIgnoreCase(raw.trim()))
                .findFirst()
                .orElseThrow(() -> invalid(PodEnvironment.PAIRING_METHOD, "must be QR or PairingCode, got '" + raw + "'"));
    }

    public static EngineKind engine(String raw) {
        return Arrays.stream(EngineKind.values())
                .filter(kind -> kind.name().equalsIgnoreCase(raw.trim()))
                .findFirst()
                .orElseThrow(() -> invalid(PodEnvironment.ENGINE, "must be Cobalt or Baileys, got '" + raw + "'"));
    }

    private static HistoryDepth history(String raw) {
        return Arrays.stream(HistoryDepth.values())
                .filter(depth -> depth.name().equalsIgnoreCase(raw.trim()))
                .findFirst()
                .orElseThrow(() -> invalid(PodEnvironment.HISTORY, "must be None, Recent or Full, got '" + raw + "'"));
    }

    private static int sendRate(String raw) {
        try {
            int rate = Integer.parseInt(raw.trim());
            require(rate > 0, PodEnvironment.SEND_RATE_PER_MINUTE, "must be a positive whole number, got '" + raw + "'");
            return rate;
        } catch (NumberFormatException e) {
            throw invalid(PodEnvironment.SEND_RATE_PER_MINUTE, "must be a positive whole number, got '" + raw + "'");
        }
    }

    private static String apiKey(SessionConfig config) {
        Optional<String> key = config.apiKey().map(String::trim).filter(s -> !s.isEmpty())
                .or(() -> config.apiKeyFile().map(SettingsValidator::readKeyFile));
        String value = key.orElseThrow(() -> invalid(PodEnvironment.API_KEY,
                "is required (or " + API_KEY_FILE + " naming a file that holds it)"));
        require(value.length() >= 16, PodEnvironment.API_KEY, "must be at least 16 characters long");
        return value;
    }

    private static String readKeyFile(String file) {
        try {
            String key = Files.readString(Path.of(file)).trim();
            require(!key.isEmpty(), API_KEY_FILE, "names an empty file: " + file);
            return key;
        } catch (IOException e) {
            throw invalid(API_KEY_FILE, "cannot be read: " + file + " (" + e.getMessage() + ")");
        }
    }

    private static void require(boolean condition, String variable, String problem) {
        if (!condition) {
            throw invalid(variable, problem);
        }
    }

    private static ConfigurationException invalid(String variable, String problem) {
        return new ConfigurationException("Invalid configuration: " + variable + " " + problem);
    }
}
