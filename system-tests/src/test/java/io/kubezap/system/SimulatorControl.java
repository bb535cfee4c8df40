package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.simulator.WaSimulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/** The simulator's control API as the tests use it: phones, their inboxes and devices. */
final class SimulatorControl {

    private final WaSimulator simulator;
    private final HttpClient direct = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    SimulatorControl(WaSimulator simulator) {
        this.simulator = simulator;
    }

    /** Whether {@code phone} received {@code text}. */
    boolean inboxHas(String phone, String text) {
        for (JsonNode message : control("GET", "/api/phones/" + phone + "/messages", null)) {
            if (text.equals(message.path("text").asText())) {
                return true;
            }
        }
        return false;
    }

    JsonNode control(String method, String path, Object body) {
        var request = HttpRequest.newBuilder(URI.create(simulator.controlUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : TheSystem.json(body));
        return TheSystem.send(direct, request.build(), method + " " + path + " on the simulator");
    }
}
