package io.kubezap.contract;

/**
 * How webhook settings reach the session pod: a JSON array in {@link #FILE}, each entry
 * {@code {"url": "...", "events": ["message.received"], "filter": {"excludeChats": ["groups"]}, "secretFile": "0"}}; {@code secretFile}
 * (absent: unsigned deliveries) is a file holding the signing secret, projected from the referenced Secret key,
 * relative to the list's directory (so the pod finds it wherever the volume is mounted; absolute paths work too).
 */
public final class WebhookFile {

    public static final String DIRECTORY = "/etc/kubezap/webhooks";
    public static final String FILE_NAME = "webhooks.json";
    public static final String FILE = DIRECTORY + "/" + FILE_NAME;

    public static final String URL = "url";
    public static final String EVENTS = "events";
    public static final String SECRET_FILE = "secretFile";
    /** Absent: every event of the listed types; else an {@link io.kubezap.contract.filter.EventFilter}. */
    public static final String FILTER = "filter";
    /** Absent: none; else an object of header name to value, sent with every delivery (no secrets: see {@link #AUTH}). */
    public static final String HEADERS = "headers";
    /**
     * Absent: no {@code Authorization} header; else one of {@code {"bearer": {"tokenFile"}}},
     * {@code {"basic": {"username", "passwordFile"}}}, {@code {"oauth2": {"tokenUrl", "clientId", "clientSecretFile",
     * "scopes": [..]}}}; each {@code …File} relative to the list's directory (local mode: {@code token}, {@code password},
     * {@code clientSecret} inline instead).
     */
    public static final String AUTH = "auth";
    public static final String BEARER = "bearer";
    public static final String BASIC = "basic";
    public static final String OAUTH2 = "oauth2";
    public static final String TOKEN_FILE = "tokenFile";
    public static final String USERNAME = "username";
    public static final String PASSWORD_FILE = "passwordFile";
    public static final String TOKEN_URL = "tokenUrl";
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET_FILE = "clientSecretFile";
    public static final String SCOPES = "scopes";

    /**
     * Headers a delivery sets itself, which {@link #HEADERS} may not name: a regular expression (RE2 and Java alike,
     * case-insensitive), in the CRD's CEL rule and the pod's check.
     */
    public static final String RESERVED_HEADERS = "(?i)^(authorization|content-type|content-length|content-encoding"
            + "|transfer-encoding|connection|host|user-agent|traceparent|tracestate|expect|te|upgrade|webhook-.*|x-kubezap-.*)$";
    private static final java.util.regex.Pattern RESERVED = java.util.regex.Pattern.compile(RESERVED_HEADERS);

    /** Whether {@code name} is one of the delivery's own headers. */
    public static boolean reservedHeader(String name) {
        return RESERVED.matcher(name).matches();
    }

    private WebhookFile() {
    }

    /** The signing secret file of the webhook at {@code index} in the list, relative to the list's directory. */
    public static String secretFile(int index) {
        return Integer.toString(index);
    }

    /** The file of the webhook at {@code index}'s credential (bearer token, password or client secret). */
    public static String credentialFile(int index) {
        return index + ".credential";
    }
}
