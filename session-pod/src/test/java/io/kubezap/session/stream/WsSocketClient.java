package io.kubezap.session.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kubezap.contract.StreamDropped;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The WebSocket event stream read on a plain socket, for the same control as {@link SseSocketClient}: the upgrade,
 * then the server's (unmasked) frames; pings are not answered (the pod does not ask for pongs).
 */
final class WsSocketClient extends StreamClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TEXT = 1;
    private static final int CLOSE = 8;

    private final DataInputStream frames;

    WsSocketClient(int port, String path, String apiKey, long lastEventId, int receiveBuffer) throws IOException {
        super(port, receiveBuffer, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + nonce()
                + "\r\nX-Api-Key: " + apiKey + "\r\nLast-Event-ID: " + lastEventId + "\r\n");
        frames = new DataInputStream(in);
    }

    private static String nonce() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    @Override
    boolean readUntil(long lastId) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int head = frames.read();
            if (head < 0) {
                return false;
            }
            int opcode = head & 0x0f;
            long length = frames.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = frames.readUnsignedShort();
            } else if (length == 127) {
                length = frames.readLong();
            }
            byte[] payload = frames.readNBytes((int) length);
            if (opcode == CLOSE) {
                return false;
            }
            if (opcode == TEXT || opcode == 0) {
                message.write(payload);
                if ((head & 0x80) != 0 && take(JSON.readTree(message.toByteArray()), lastId)) {
                    return true;
                }
                if ((head & 0x80) != 0) {
                    message.reset();
                }
            }
        }
    }

    /** True once {@code lastId} came. */
    private boolean take(JsonNode frame, long lastId) {
        if (StreamDropped.EVENT.equals(frame.path("type").asText()) && !frame.has("id")) {
            dropped = Optional.of(new Dropped(frame.path("reason").asText(), frame.path("lastEventId").asLong(-1)));
            return false;
        }
        ids.add(frame.get("id").asLong());
        return frame.get("id").asLong() >= lastId;
    }
}
