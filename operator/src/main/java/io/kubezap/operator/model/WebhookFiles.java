package io.kubezap.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WebhookAuth;
import io.kubezap.contract.WebhookFile;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How webhook settings reach the session pod without their signing secrets ever being copied: the webhook
 * list (url, events, filter, headers, auth without its secret, paths of the secret files) travels as a pod annotation projected into a file through the
 * downward API, and each referenced Secret key is projected as file {@code <index>} next to it (named in the list
 * relative to the list's own file), each auth's credential as file {@code <index>.credential}.
 */
public final class WebhookFiles {

    public static final String DIRECTORY = WebhookFile.DIRECTORY;
    public static final String FILE_NAME = WebhookFile.FILE_NAME;
    public static final String FILE = WebhookFile.FILE;
    public static final String ANNOTATION = "kubezap.io/webhooks";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookFiles() {
    }

    /** The JSON array the session pod reads from {@value #FILE}. */
    public static String json(List<Webhook> webhooks) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < webhooks.size(); i++) {
            Webhook webhook = webhooks.get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(WebhookFile.URL, webhook.getUrl());
            entry.put(WebhookFile.EVENTS, webhook.getEvents() == null ? List.of() : webhook.getEvents());
            if (webhook.getFilter() != null) { // only then: adding the field rolls no pod whose webhooks have none
                entry.put(WebhookFile.FILTER, webhook.getFilter());
            }
            if (webhook.getSecretRef() != null) {
                entry.put(WebhookFile.SECRET_FILE, WebhookFile.secretFile(i));
            }
            if (webhook.getHeaders() != null && !webhook.getHeaders().isEmpty()) { // only then, as the filter
                entry.put(WebhookFile.HEADERS, new java.util.TreeMap<>(webhook.getHeaders()));
            }
            if (webhook.getAuth() != null) {
                entry.put(WebhookFile.AUTH, auth(webhook.getAuth(), WebhookFile.credentialFile(i)));
            }
            entries.add(entry);
        }
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The auth as the pod reads it: everything but the secret, which is the file {@code credentialFile}. */
    private static Map<String, Object> auth(WebhookAuth auth, String credentialFile) {
        Map<String, Object> kind = new LinkedHashMap<>();
        String name;
        if (auth.getBearer() != null) {
            name = WebhookFile.BEARER;
            kind.put(WebhookFile.TOKEN_FILE, credentialFile);
        } else if (auth.getBasic() != null) {
            name = WebhookFile.BASIC;
            kind.put(WebhookFile.USERNAME, auth.getBasic().getUsername());
            kind.put(WebhookFile.PASSWORD_FILE, credentialFile);
        } else {
            name = WebhookFile.OAUTH2;
            kind.put(WebhookFile.TOKEN_URL, auth.getOauth2().getTokenUrl());
            kind.put(WebhookFile.CLIENT_ID, auth.getOauth2().getClientId());
            kind.put(WebhookFile.CLIENT_SECRET_FILE, credentialFile);
            kind.put(WebhookFile.SCOPES, auth.getOauth2().getScopes() == null ? List.of() : auth.getOauth2().getScopes());
        }
        return Map.of(name, kind);
    }

    /** The projected volume's sources: the JSON file, then one file per referenced Secret key. */
    public static List<VolumeProjection> projections(List<Webhook> webhooks) {
        List<VolumeProjection> sources = new ArrayList<>();
        sources.add(new VolumeProjectionBuilder()
                .withNewDownwardAPI()
                .addNewItem()
                .withPath(FILE_NAME)
                // the server defaults apiVersion inside this atomic list: left out, every apply would differ
                .withNewFieldRef().withApiVersion("v1").withFieldPath("metadata.annotations['" + ANNOTATION + "']")
                .endFieldRef()
                .endItem()
                .endDownwardAPI()
                .build());
        for (int i = 0; i < webhooks.size(); i++) {
            var ref = webhooks.get(i).getSecretRef();
            if (ref != null) {
                sources.add(new VolumeProjectionBuilder()
                        .withNewSecret()
                        .withName(ref.getName())
                        .withItems(new KeyToPathBuilder().withKey(ref.getKey()).withPath(Integer.toString(i)).build())
                        .endSecret()
                        .build());
            }
            WebhookAuth auth = webhooks.get(i).getAuth();
            if (auth != null) {
                for (SecretKeyRef credential : auth.secretRefs()) {
                    sources.add(new VolumeProjectionBuilder()
                            .withNewSecret()
                            .withName(credential.getName())
                            .withItems(new KeyToPathBuilder().withKey(credential.getKey())
                                    .withPath(WebhookFile.credentialFile(i)).build())
                            .endSecret()
                            .build());
                }
            }
        }
        return sources;
    }
}
