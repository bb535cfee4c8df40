package io.kubezap.kubectl.transport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The tunnels a transport opened, closed together. */
final class Tunnels {

    private final List<Tunnel> open = new ArrayList<>();

    Tunnel keep(Tunnel tunnel) {
        open.add(tunnel);
        return tunnel;
    }

    void closeAll() {
        for (Tunnel tunnel : open) {
            try {
                tunnel.close();
            } catch (IOException | RuntimeException ignored) {
                // the plugin is exiting; a tunnel that fails to close goes with the process
            }
        }
        open.clear();
    }
}
