package io.kubezap.kubectl.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;

/** A local address that reaches a port in the cluster until closed. */
public record Tunnel(URI localUrl, Closeable forward) implements Closeable {

    @Override
    public void close() throws IOException {
        forward.close();
    }
}
