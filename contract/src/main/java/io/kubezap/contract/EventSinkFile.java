package io.kubezap.contract;

/**
 * How event sinks reach the session pod: a JSON array in {@link #FILE}, each entry
 * {@code {"name": "orders", "kind": "Kafka", "address": "kafka:9092", "destination": "whatsapp", "events": [], "filter": {"direction": "Incoming"},
 * "usernameFile": "0-username", "passwordFile": "0-password"}} (an SQS sink also {@code "region"}, optionally
 * {@code "sessionTokenFile"} and {@code "deadLetterQueue"}). The credential files (absent: no credentials) are
 * projected from the referenced Secret's keys, relative to the list's directory like the webhooks' secret files.
 */
public final class EventSinkFile {

    public static final String DIRECTORY = "/etc/kubezap/sinks";
    public static final String FILE_NAME = "sinks.json";
    public static final String FILE = DIRECTORY + "/" + FILE_NAME;

    public static final String NAME = "name";
    public static final String KIND = "kind";
    public static final String ADDRESS = "address";
    public static final String DESTINATION = "destination";
    public static final String EVENTS = "events";
    /** Absent: every event of the listed types; else an {@link io.kubezap.contract.filter.EventFilter}. */
    public static final String FILTER = "filter";
    public static final String USERNAME_FILE = "usernameFile";
    public static final String PASSWORD_FILE = "passwordFile";
    /** SQS only: the region requests are signed for. */
    public static final String REGION = "region";
    /** SQS only (absent: none): the temporary credentials' session token. */
    public static final String SESSION_TOKEN_FILE = "sessionTokenFile";
    /** SQS only (absent: none): the queue URL that takes the events the sink's queue refuses. */
    public static final String DEAD_LETTER_QUEUE = "deadLetterQueue";

    /** The brokers a sink can publish to; the CRD's enum and the pod's publishers use these names. */
    public enum Kind { Kafka, NATS, RabbitMQ, SQS }

    private EventSinkFile() {
    }

    /** The file holding the user name of the sink at {@code index}, relative to the list's directory. */
    public static String usernameFile(int index) {
        return index + "-username";
    }

    /** The file holding the password of the sink at {@code index}, relative to the list's directory. */
    public static String passwordFile(int index) {
        return index + "-password";
    }

    /** The file holding the session token of the sink at {@code index}, relative to the list's directory. */
    public static String sessionTokenFile(int index) {
        return index + "-session-token";
    }
}
