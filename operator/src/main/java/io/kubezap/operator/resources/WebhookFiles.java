package io.kubezap.operator.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.contract.WebhookFile;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How webhook settings reach the session pod without their signing secrets ever being copied: the webhook
 * list (url, events, filter, path of the secret file) travels as a pod annotation projected into a file through the
 * downward API, and each referenced Secret key is projected as file {@code <index>} next to it (named in the list
 * relative to the list's own file).
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
            entries.add(entry);
        }
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
        }
        return sources;
    }
}
