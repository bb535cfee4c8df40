package io.kubezap.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The copy of a session's API key that the operator keeps in the gateway's own namespace, so that the gateway reads no
 * Secret outside it: one Secret per session, named from the session's namespace and name with a hash of both (two
 * sessions never share a name, and it stays within 253 characters), labelled with them, annotated with its source.
 */
public final class GatewayKeyCopy {

    /** The label (value {@code "true"}) of every copy: the gateway's informer and the operator's hold only these. */
    public static final String LABEL = "kubezap.io/session-api-key-copy";
    /** The session's namespace, as a label of its copy. */
    public static final String NAMESPACE_LABEL = "kubezap.io/session-namespace";
    /** The session's name, as a label of its copy. */
    public static final String SESSION_LABEL = "kubezap.io/session-name";
    /** {@code <namespace>/<Secret>}: the Secret the key was copied from. */
    public static final String SOURCE_ANNOTATION = "kubezap.io/copied-from";
    /**
     * On the gateway's Service: the namespace of the gateway's keys (its own and these copies), the only namespace whose
     * Secrets it reads. Clients that look for the chart's admin key (kubectl zap) read it there.
     */
    public static final String KEYS_NAMESPACE_ANNOTATION = "kubezap.io/keys-namespace";

    private static final String PREFIX = "session-key-";
    private static final int READABLE_PART = 60;

    private GatewayKeyCopy() {
    }

    /** The copy's name: readable, unique per (namespace, session) by its hash, at most 89 characters. */
    public static String name(String namespace, String session) {
        String readable = (namespace + "." + session).toLowerCase(Locale.ROOT);
        if (readable.length() > READABLE_PART) {
            readable = readable.substring(0, READABLE_PART);
        }
        readable = readable.replaceAll("[^a-z0-9]+$", "").replaceAll("[^a-z0-9.-]", "-");
        return PREFIX + readable + "-" + hash(namespace + "/" + session);
    }

    /** Whether a Secret with these labels is the copy of that session's key (and not another's of a colliding name). */
    public static boolean isCopyOf(Map<String, String> labels, String namespace, String session) {
        return labels != null && "true".equals(labels.get(LABEL)) && namespace.equals(labels.get(NAMESPACE_LABEL))
                && session.equals(labels.get(SESSION_LABEL));
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
