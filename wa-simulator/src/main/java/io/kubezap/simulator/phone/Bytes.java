package io.kubezap.simulator.phone;

import java.io.ByteArrayOutputStream;

final class Bytes {
    private Bytes() {
    }

    static byte[] concat(byte[]... parts) {
        var output = new ByteArrayOutputStream();
        for (var part : parts) {
            output.writeBytes(part);
        }
        return output.toByteArray();
    }
}
