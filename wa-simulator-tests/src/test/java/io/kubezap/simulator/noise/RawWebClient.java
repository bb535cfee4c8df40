package io.kubezap.simulator.noise;

import io.kubezap.simulator.WaSimulator;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import it.auties.whatsapp.model.signal.auth.ClientFinish;
import it.auties.whatsapp.model.signal.auth.ClientHello;
import it.auties.whatsapp.model.signal.auth.HandshakeMessage;
import it.auties.whatsapp.model.signal.auth.HandshakeMessageSpec;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WhatsApp Web client written for the tests, independent of Cobalt's socket code: the JDK's
 * WebSocket through the simulator's proxy, any prologue, the initiator side of Noise XX, and raw
 * encrypted frames. Tests pick the node codec, so a client of either dictionary can be played.
 */
final class RawWebClient implements AutoCloseable {
    private static final byte[] PROTOCOL_NAME = "Noise_XX_25519_AESGCM_SHA256".getBytes(StandardCharsets.US_ASCII);

    private final WebSocket socket;
    private final BlockingQueue<byte[]> frames;
    private final byte[] prologue;
    private byte[] hash = Arrays.copyOf(PROTOCOL_NAME, 32);
    private byte[] chainingKey = hash.clone();
    private byte[] cipherKey;
    private long counter;
    private TransportCipher writer;
    private TransportCipher reader;
    private byte[] serverStaticKey;
    private byte[] certificatePayload;
    private boolean prologueSent;

    private RawWebClient(WebSocket socket, BlockingQueue<byte[]> frames, byte[] prologue) {
        this.socket = socket;
        this.frames = frames;
        this.prologue = prologue;
    }

    static RawWebClient connect(WaSimulator simulator, byte[] prologue) throws Exception {
        var frames = new LinkedBlockingQueue<byte[]>();
        var http = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress(simulator.proxyHost(), simulator.proxyPort())))
                .sslContext(trusting(simulator))
                .build();
        var socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("wss://web.whatsapp.com/ws/chat"), new FrameCollector(frames))
                .get(30, TimeUnit.SECONDS);
        return new RawWebClient(socket, frames, prologue.clone());
    }

    private static SSLContext trusting(WaSimulator simulator) throws Exception {
        var store = KeyStore.getInstance("PKCS12");
        try (InputStream input = Files.newInputStream(simulator.trustStore())) {
            store.load(input, WaSimulator.TRUST_STORE_PASSWORD.toCharArray());
        }
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        var context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Sends the prologue and the client hello; returns false when the server closed the connection instead of answering. */
    boolean handshake(byte[] clientPayload) throws Exception {
        mixHash(prologue);
        var ephemeral = X25519.generate();
        mixHash(ephemeral.publicKey());
        send(HandshakeMessageSpec.encode(new HandshakeMessage(new ClientHello(ephemeral.publicKey(), null, null), null, null)));
        var answer = frames.poll(30, TimeUnit.SECONDS);
        if (answer == null || answer.length == 0) {
            return false;
        }
        var serverHello = HandshakeMessageSpec.decode(answer).serverHello();
        mixHash(serverHello.ephemeral());
        mixKey(X25519.sharedSecret(ephemeral.privateKey(), serverHello.ephemeral()));
        serverStaticKey = decryptAndHash(serverHello.staticText());
        mixKey(X25519.sharedSecret(ephemeral.privateKey(), serverStaticKey));
        certificatePayload = decryptAndHash(serverHello.payload());
        var staticKeys = X25519.generate();
        var encryptedStatic = encryptAndHash(staticKeys.publicKey());
        mixKey(X25519.sharedSecret(staticKeys.privateKey(), serverHello.ephemeral()));
        var encryptedPayload = encryptAndHash(clientPayload);
        send(HandshakeMessageSpec.encode(new HandshakeMessage(null, null, new ClientFinish(encryptedStatic, encryptedPayload))));
        var keys = Hkdf.derive(chainingKey, new byte[0], 64);
        writer = new TransportCipher(Arrays.copyOfRange(keys, 0, 32));
        reader = new TransportCipher(Arrays.copyOfRange(keys, 32, 64));
        return true;
    }

    /** A client payload asking to pair a new companion: any {@code devicePairingData} (field 19) will do. */
    static byte[] pairingPayload() {
        var registration = new ProtobufWriter().bytes(1, new byte[]{0, 0, 0, 1}).bytes(2, new byte[]{5})
                .bytes(3, new byte[32]).bytes(4, new byte[]{0, 0, 1}).bytes(5, new byte[32]).bytes(6, new byte[64]);
        return new ProtobufWriter().uint32(18, 0).message(19, registration).toByteArray();
    }

    byte[] serverStaticKey() {
        return serverStaticKey.clone();
    }

    byte[] certificatePayload() {
        return certificatePayload.clone();
    }

    /** Encrypts and sends an encoded node. */
    void sendNode(byte[] encodedNode) {
        send(writer.encrypt(encodedNode));
    }

    /** The next encoded node the server sent, decrypted, or null if none came in time. */
    byte[] nextNode(long seconds) throws InterruptedException {
        var frame = frames.poll(seconds, TimeUnit.SECONDS);
        return frame == null || frame.length == 0 ? null : reader.decrypt(frame);
    }

    /** True once the server closed the connection (an empty marker frame arrives). */
    boolean closedWithin(long seconds) throws InterruptedException {
        var frame = frames.poll(seconds, TimeUnit.SECONDS);
        return frame != null && frame.length == 0;
    }

    private void send(byte[] payload) {
        var out = new ByteArrayOutputStream();
        if (!prologueSent) {
            out.writeBytes(prologue);
            prologueSent = true;
        }
        out.write(payload.length >> 16);
        out.write(payload.length >> 8);
        out.write(payload.length);
        out.writeBytes(payload);
        socket.sendBinary(ByteBuffer.wrap(out.toByteArray()), true).join();
    }

    private void mixHash(byte[] data) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256");
        digest.update(hash);
        digest.update(data);
        hash = digest.digest();
    }

    private void mixKey(byte[] material) {
        var output = Hkdf.derive(chainingKey, material, 64);
        chainingKey = Arrays.copyOfRange(output, 0, 32);
        cipherKey = Arrays.copyOfRange(output, 32, 64);
        counter = 0;
    }

    private byte[] encryptAndHash(byte[] plaintext) throws Exception {
        var ciphertext = AesGcm.encrypt(cipherKey, counter++, hash, plaintext);
        mixHash(ciphertext);
        return ciphertext;
    }

    private byte[] decryptAndHash(byte[] ciphertext) throws Exception {
        var plaintext = AesGcm.decrypt(cipherKey, counter++, hash, ciphertext);
        mixHash(ciphertext);
        return plaintext;
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Splits the server's WebSocket messages into frames (3-byte length); an empty frame marks the close. */
    private static final class FrameCollector implements WebSocket.Listener {
        private final BlockingQueue<byte[]> frames;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        FrameCollector(BlockingQueue<byte[]> frames) {
            this.frames = frames;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            var bytes = new byte[data.remaining()];
            data.get(bytes);
            pending.writeBytes(bytes);
            var buffer = pending.toByteArray();
            var offset = 0;
            while (buffer.length - offset >= 3) {
                var length = (buffer[offset] & 0xFF) << 16 | (buffer[offset + 1] & 0xFF) << 8 | buffer[offset + 2] & 0xFF;
                if (buffer.length - offset - 3 < length) {
                    break;
                }
                frames.add(Arrays.copyOfRange(buffer, offset + 3, offset + 3 + length));
                offset += 3 + length;
            }
            pending.reset();
            pending.write(buffer, offset, buffer.length - offset);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            frames.add(new byte[0]);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            frames.add(new byte[0]);
        }
    }
}
