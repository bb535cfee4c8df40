package io.kubezap.session.engine;

/**
 * A channel as WhatsApp shows it to the account: {@code invite} is its link's code, {@code picture} where its picture
 * is (or null), {@code role} the account's ({@code OWNER}, {@code ADMIN}, {@code SUBSCRIBER} or {@code GUEST}),
 * {@code subscribers} how many follow it (null when WhatsApp did not say).
 */
public record ChannelInfo(String jid, String name, String description, String invite, String picture, boolean verified,
                          String role, Long subscribers, boolean muted) {

    public static final String OWNER = "OWNER";
    public static final String ADMIN = "ADMIN";
    public static final String SUBSCRIBER = "SUBSCRIBER";
    public static final String GUEST = "GUEST";

    /** The owner and admins post; followers read and react. */
    public boolean mayPost() {
        return OWNER.equals(role) || ADMIN.equals(role);
    }

    public boolean follows() {
        return mayPost() || SUBSCRIBER.equals(role);
    }
}
