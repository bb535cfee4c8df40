package io.kubezap.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.kubezap.api.v1alpha1.EventSink;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.contract.EventSinkFile;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code spec.events.sinks} reaches the session pod, the way {@link WebhookFiles} carries the webhooks: the list
 * (without credentials) as a pod annotation projected into {@value EventSinkFile#FILE_NAME}, each credential's Secret
 * key projected as a file next to it. Only sessions with sinks get the annotation and the volume, so adding this
 * rolls no other session's pod.
 */
public final class EventSinkFiles {

    static final String ANNOTATION = "kubezap.io/event-sinks";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventSinkFiles() {
    }

    /** The JSON array the session pod reads from {@value EventSinkFile#FILE}. */
    static String json(List<EventSink> sinks) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < sinks.size(); i++) {
            EventSink sink = sinks.get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(EventSinkFile.NAME, sink.getName());
            entry.put(EventSinkFile.KIND, sink.getKind().name());
            entry.put(EventSinkFile.ADDRESS, sink.getAddress());
            entry.put(EventSinkFile.DESTINATION, sink.getDestination());
            entry.put(EventSinkFile.EVENTS, sink.getEvents() == null ? List.of() : sink.getEvents());
            if (sink.getFilter() != null) { // only then: adding the field rolls no pod whose sinks have none
                entry.put(EventSinkFile.FILTER, sink.getFilter());
            }
            if (sink.getUsernameRef() != null) {
                entry.put(EventSinkFile.USERNAME_FILE, EventSinkFile.usernameFile(i));
            }
            if (sink.getPasswordRef() != null) {
                entry.put(EventSinkFile.PASSWORD_FILE, EventSinkFile.passwordFile(i));
            }
            putSqs(entry, sink, i);
            entries.add(entry);
        }
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SQS sink's own fields, only when set: the entries of the other sinks stay as they were (no pod rolls). */
    private static void putSqs(Map<String, Object> entry, EventSink sink, int index) {
        if (sink.getRegion() != null) {
            entry.put(EventSinkFile.REGION, sink.getRegion());
        }
        if (sink.getSessionTokenRef() != null) {
            entry.put(EventSinkFile.SESSION_TOKEN_FILE, EventSinkFile.sessionTokenFile(index));
        }
        if (sink.getDeadLetterQueue() != null) {
            entry.put(EventSinkFile.DEAD_LETTER_QUEUE, sink.getDeadLetterQueue());
        }
    }

    /** The projected volume's sources: the JSON file, then one file per referenced Secret key. */
    static List<VolumeProjection> projections(List<EventSink> sinks) {
        List<VolumeProjection> sources = new ArrayList<>();
        sources.add(new VolumeProjectionBuilder()
                .withNewDownwardAPI()
                .addNewItem()
                .withPath(EventSinkFile.FILE_NAME)
                .withNewFieldRef().withApiVersion("v1").withFieldPath("metadata.annotations['" + ANNOTATION + "']")
                .endFieldRef()
                .endItem()
                .endDownwardAPI()
                .build());
        for (int i = 0; i < sinks.size(); i++) {
            credential(sources, sinks.get(i).getUsernameRef(), EventSinkFile.usernameFile(i));
            credential(sources, sinks.get(i).getPasswordRef(), EventSinkFile.passwordFile(i));
            credential(sources, sinks.get(i).getSessionTokenRef(), EventSinkFile.sessionTokenFile(i));
        }
        return sources;
    }

    private static void credential(List<VolumeProjection> sources, SecretKeyRef ref, String path) {
        if (ref != null) {
            sources.add(new VolumeProjectionBuilder()
                    .withNewSecret()
                    .withName(ref.getName())
                    .withItems(new KeyToPathBuilder().withKey(ref.getKey()).withPath(path).build())
                    .endSecret()
                    .build());
        }
    }

    /** Every Secret key the sinks name. */
    public static List<SecretKeyRef> secretRefs(List<EventSink> sinks) {
        List<SecretKeyRef> refs = new ArrayList<>();
        for (EventSink sink : sinks) {
            if (sink.getUsernameRef() != null) {
                refs.add(sink.getUsernameRef());
            }
            if (sink.getPasswordRef() != null) {
                refs.add(sink.getPasswordRef());
            }
            if (sink.getSessionTokenRef() != null) {
                refs.add(sink.getSessionTokenRef());
            }
        }
        return refs;
    }
}
