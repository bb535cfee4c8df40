package it.auties.whatsapp.controller;

import it.auties.whatsapp.model.chat.Chat;
import it.auties.whatsapp.model.chat.ChatSpec;
import it.auties.whatsapp.model.newsletter.Newsletter;
import it.auties.whatsapp.model.newsletter.NewsletterSpec;

import it.auties.protobuf.stream.ProtobufInputStream;

import io.kubezap.cobalt.files.DurableFile;
import io.kubezap.cobalt.files.StableEncoding;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Replaces Cobalt 0.0.10's protobuf file serializer (same package, same constructors and methods; the original class
 * is removed from Cobalt's jar by the application's class loading, or shadowed on a test class path). The bytes on disk
 * are the same codecs' (not the codecs' {@code byte[]} decoders: decoding from an array fails on some stores,
 * {@code StringIndexOutOfBoundsException} in {@code JidServer.of}, seen in the simulator's restore tests), but how
 * they get there differs:
 * <ul>
 * <li>Cobalt's hands its encoder unbuffered file streams, a system call per field; this one encodes into an array
 * (the codecs' {@code encode(x)}: four times faster than through a stream).</li>
 * <li>Cobalt encodes while other threads change the keys (every message does), and protobuf writes a nested
 * message's length before its fields: a change in between leaves a file no decoder reads ("invalid field index: 0"
 * in {@code KeysSpec.decode} at the next start). This one writes only an encoding that came out identical twice in a
 * row and decodes ({@link StableEncoding}).</li>
 * <li>Cobalt's deletes the session's files when it takes a failure for a logout; this one leaves that to the
 * application ({@link #deleteSession}).</li>
 * <li>Cobalt's moves a temp file from {@code java.io.tmpdir} without fsync (a copy when that is another file
 * system); this one writes beside the target, forces file and directory and keeps the previous generation, which a
 * read falls back to when the current one cannot be decoded ({@link DurableFile}).</li>
 * </ul>
 */
class ProtobufControllerSerializer extends FileControllerSerializer {

    private static final System.Logger LOG = System.getLogger(ProtobufControllerSerializer.class.getName());
    private static final Path DEFAULT_SERIALIZER_PATH = Path.of(System.getProperty("user.home") + "/.cobalt/");

    ProtobufControllerSerializer() {
        this(DEFAULT_SERIALIZER_PATH);
    }

    ProtobufControllerSerializer(Path baseDirectory) {
        super(baseDirectory);
    }

    @Override
    String fileExtension() {
        return ".proto";
    }

    @Override
    void encodeKeys(Keys keys, Path path) {
        write(path, () -> KeysSpec.encode(keys), KeysSpec::decode);
    }

    @Override
    void encodeStore(Store store, Path path) {
        write(path, () -> StoreSpec.encode(store), StoreSpec::decode);
    }

    @Override
    void encodeChat(Chat chat, Path path) {
        write(path, () -> ChatSpec.encode(chat), ChatSpec::decode);
    }

    @Override
    void encodeNewsletter(Newsletter newsletter, Path path) {
        write(path, () -> NewsletterSpec.encode(newsletter), NewsletterSpec::decode);
    }

    @Override
    Keys decodeKeys(Path path) throws IOException {
        return read(path, KeysSpec::decode);
    }

    @Override
    Store decodeStore(Path path) throws IOException {
        return read(path, StoreSpec::decode);
    }

    @Override
    Chat decodeChat(Path path) throws IOException {
        return read(path, ChatSpec::decode);
    }

    @Override
    Newsletter decodeNewsletter(Path path) throws IOException {
        return read(path, NewsletterSpec::decode);
    }

    /**
     * Deletes nothing: Cobalt 0.0.10 deletes a session's files on every {@code failure} 401, 403, 405 and 503, and a
     * 405 ("client outdated") or a 503 ("service unavailable") unlinks nothing, so the link would be lost for a
     * version string or an outage. The application wipes the key store itself when it knows the device is unlinked.
     */
    @Override
    public void deleteSession(Controller<?> controller) {
        LOG.log(System.Logger.Level.DEBUG, "Cobalt asked to delete session {0}; its files are kept for the application to decide",
                controller.uuid());
    }

    private static <T> T read(Path path, Function<ProtobufInputStream, T> decoder) throws IOException {
        return DurableFile.read(path, bytes -> decode(bytes, decoder));
    }

    /**
     * Cobalt also writes on its socket's thread as the socket closes, and a throw there stops its reconnect: an object
     * that kept changing is not written this time (the file keeps its last whole generation; the next write catches up).
     */
    private static <T> void write(Path path, Supplier<byte[]> encoder, Function<ProtobufInputStream, T> decoder) {
        try {
            DurableFile.write(path, StableEncoding.of(encoder, bytes -> decode(bytes, decoder)));
        } catch (StableEncoding.KeptChanging notNow) {
            LOG.log(System.Logger.Level.WARNING, "{0} not written this time: {1}", path, notNow.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T decode(byte[] bytes, Function<ProtobufInputStream, T> decoder) {
        return decoder.apply(ProtobufInputStream.fromStream(new ByteArrayInputStream(bytes)));
    }
}
