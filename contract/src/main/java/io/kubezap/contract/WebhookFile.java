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

    private WebhookFile() {
    }

    /** The signing secret file of the webhook at {@code index} in the list, relative to the list's directory. */
    public static String secretFile(int index) {
        return Integer.toString(index);
    }
}
