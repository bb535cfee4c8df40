package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.stream.StreamSupport;

/** Reads, over the control API, what the server sent a device on its current connection. */
final class ServerNodesLog {
    private ServerNodesLog() {
    }

    static long connectionId(ControlClient control, String number, int deviceId) {
        var devices = control.get("/api/phones/" + number).body().get("devices");
        return StreamSupport.stream(devices.spliterator(), false)
                .filter(device -> device.get("deviceId").asInt() == deviceId)
                .findFirst().orElseThrow()
                .get("connectionId").asLong();
    }

    static List<JsonNode> sentOn(ControlClient control, long connectionId) {
        return list(control.get("/api/connections/" + connectionId + "/sent-nodes").body());
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static boolean isOfflineMarker(JsonNode node) {
        return node.get("tag").asText().equals("ib")
                && list(node.get("content")).stream().anyMatch(child -> child.get("tag").asText().equals("offline"));
    }

    /** A stanza of the backlog kept while the device was away carries {@code offline}; one sent live does not. */
    static boolean isFromOfflineStorage(JsonNode node) {
        return node.path("attributes").has("offline");
    }

    static int markerCount(JsonNode node) {
        return list(node.get("content")).getFirst().get("attributes").get("count").asInt();
    }
}
