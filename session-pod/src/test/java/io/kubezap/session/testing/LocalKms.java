package io.kubezap.session.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for AWS KMS on loopback, speaking its JSON 1.1 wire protocol ({@code X-Amz-Target: TrentService.Encrypt}
 * and {@code .Decrypt}) for a symmetric key, reachable by its key ARN and an alias ARN, and a second key
 * ({@link #otherKeyArn}, a key the sessions' settings do not name). As KMS does, a ciphertext
 * names its key (Decrypt needs no key id, and refuses one naming another key with IncorrectKeyException) and is bound
 * to the request's encryption context (another context: InvalidCiphertextException). It can be told to refuse every
 * request (AccessDeniedException), as KMS does once a key policy or grant no longer lets the caller in. Signatures are
 * not checked.
 */
public final class LocalKms implements AutoCloseable {

    private static final String ACCOUNT_ARN = "arn:aws:kms:eu-west-1:111122223333:";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final String keyArn = ACCOUNT_ARN + "key/" + UUID.randomUUID();
    public final String aliasArn = ACCOUNT_ARN + "alias/kubezap";
    /** Another key of the same service, which the caller may also use (a key of someone else's choosing). */
    public final String otherKeyArn = ACCOUNT_ARN + "key/" + UUID.randomUUID();
    /** Each request's operation (Encrypt, Decrypt) and encryption context, in order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    private final Map<String, SecretKey> materials = new TreeMap<>();
    private final HttpServer server;
    private volatile boolean refusing;

    private LocalKms() throws IOException {
        materials.put(keyArn, newMaterial());
        materials.put(otherKeyArn, newMaterial());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * A stand-in on loopback, and credentials for the AWS SDK's default chain in this JVM (it reads these system
     * properties first; the stand-in checks no signature). {@link #close()} takes them back.
     */
    public static LocalKms start() throws IOException {
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "stand-in");
        return new LocalKms();
    }

    private static SecretKey newMaterial() {
        try {
            var generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on every request is refused with AccessDeniedException (or, with false, served again). */
    public void refuse(boolean refuse) {
        refusing = refuse;
    }

    @Override
    public void close() {
        server.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var operation = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")).replace("TrentService.", "");
            Map<String, Object> request = JSON.readValue(exchange.getRequestBody(), Map.class);
            @SuppressWarnings("unchecked")
            var context = new TreeMap<String, String>((Map<String, String>) request.getOrDefault("EncryptionContext", Map.of()));
            requests.add(operation + " " + context);
            if (refusing) {
                answer(exchange, 400, error("AccessDeniedException", "User is not authorized to perform: kms:" + operation + " on " + keyArn));
                return;
            }
            switch (operation) {
                case "Encrypt" -> encrypt(exchange, request, context);
                case "Decrypt" -> decrypt(exchange, request, context);
                default -> answer(exchange, 400, error("UnsupportedOperationException", operation + " is not served here"));
            }
        }
    }

    private void encrypt(HttpExchange exchange, Map<String, Object> request, TreeMap<String, String> context) throws IOException {
        var arn = arnOf((String) request.get("KeyId"));
        if (arn == null) {
            answer(exchange, 400, error("NotFoundException", "Key '" + request.get("KeyId") + "' does not exist"));
            return;
        }
        var plaintext = Base64.getDecoder().decode((String) request.get("Plaintext"));
        var nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        var blob = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(blob)) {
            out.writeUTF(arn);
            out.write(nonce);
            out.write(gcm(arn, Cipher.ENCRYPT_MODE, nonce, context, plaintext));
        }
        answer(exchange, 200, Map.of("CiphertextBlob", Base64.getEncoder().encodeToString(blob.toByteArray()),
                "KeyId", arn, "EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
    }

    private void decrypt(HttpExchange exchange, Map<String, Object> request, TreeMap<String, String> context) throws IOException {
        var in = new DataInputStream(new java.io.ByteArrayInputStream(Base64.getDecoder().decode((String) request.get("CiphertextBlob"))));
        String arn;
        byte[] nonce;
        byte[] sealed;
        try {
            arn = in.readUTF();
            nonce = in.readNBytes(12);
            sealed = in.readAllBytes();
        } catch (IOException notOurs) {
            answer(exchange, 400, error("InvalidCiphertextException", "not a ciphertext of this KMS"));
            return;
        }
        if (!materials.containsKey(arn) || (request.get("KeyId") != null && !arn.equals(arnOf((String) request.get("KeyId"))))) {
            answer(exchange, 400, error("IncorrectKeyException", "The key ID in the request does not identify the key that encrypted the ciphertext"));
            return;
        }
        try {
            var plaintext = gcm(arn, Cipher.DECRYPT_MODE, nonce, context, sealed);
            answer(exchange, 200, Map.of("Plaintext", Base64.getEncoder().encodeToString(plaintext), "KeyId", arn,
                    "EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
        } catch (IllegalArgumentException otherContext) {
            answer(exchange, 400, error("InvalidCiphertextException", null));
        }
    }

    /** The key ARN {@code keyId} names (its ARN, its id, or for the first key its alias), or null. */
    private String arnOf(String keyId) {
        if (aliasArn.equals(keyId) || "alias/kubezap".equals(keyId)) {
            return keyArn;
        }
        return materials.keySet().stream().filter(arn -> arn.equals(keyId) || arn.endsWith("/" + keyId)).findFirst().orElse(null);
    }

    private byte[] gcm(String arn, int mode, byte[] nonce, TreeMap<String, String> context, byte[] input) {
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, materials.get(arn), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.toString().getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException refused) {
            throw new IllegalArgumentException(refused);
        }
    }

    private static Map<String, Object> error(String type, String message) {
        var error = new TreeMap<String, Object>();
        error.put("__type", type);
        if (message != null) {
            error.put("message", message);
        }
        return error;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        var bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        if (status != 200) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", String.valueOf(body.get("__type")));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Lines of {@link #requests} for {@code operation}. */
    public List<String> requestsOf(String operation) {
        return new ArrayList<>(requests.stream().filter(line -> line.startsWith(operation + " ")).toList());
    }
}
