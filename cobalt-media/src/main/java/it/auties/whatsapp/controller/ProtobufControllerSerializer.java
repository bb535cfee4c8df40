package it.auties.whatsapp.controller;

import it.auties.whatsapp.model.chat.Chat;
import it.auties.whatsapp.model.chat.ChatSpec;
import it.auties.whatsapp.model.newsletter.Newsletter;
import it.auties.whatsapp.model.newsletter.NewsletterSpec;

import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.protobuf.stream.ProtobufOutputStream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Replaces Cobalt 0.0.10's protobuf file serializer (same package, same constructors and methods; the original class
 * is removed from Cobalt's jar by the application's class loading, or shadowed on a test class path). Cobalt's own
 * hands its protobuf encoder and decoder unbuffered file streams, so every field of the keys, the store and each chat
 * is a {@code write} or {@code read} call of its own: thousands for a 13 KB key file, and a chat's file grows with its
 * messages. This one gives the same codecs the same streams, buffered, and moves whole files as Cobalt does (a temp
 * file in {@code java.io.tmpdir}, then a move over the old one): the bytes on disk are the same. (Not the codecs'
 * {@code byte[]} variants: decoding from an array fails on some stores, {@code StringIndexOutOfBoundsException} in
 * {@code JidServer.of}, seen in the simulator's restore tests.)
 */
class ProtobufControllerSerializer extends FileControllerSerializer {

    private static final int BUFFER = 64 * 1024;
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
        write(path, stream -> KeysSpec.encode(keys, stream));
    }

    @Override
    void encodeStore(Store store, Path path) {
        write(path, stream -> StoreSpec.encode(store, stream));
    }

    @Override
    void encodeChat(Chat chat, Path path) {
        write(path, stream -> ChatSpec.encode(chat, stream));
    }

    @Override
    void encodeNewsletter(Newsletter newsletter, Path path) {
        write(path, stream -> NewsletterSpec.encode(newsletter, stream));
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

    private static <T> T read(Path path, Function<ProtobufInputStream, T> decoder) throws IOException {
        try (var in = new BufferedInputStream(Files.newInputStream(path), BUFFER)) {
            return decoder.apply(ProtobufInputStream.fromStream(in));
        }
    }

    private static void write(Path path, Consumer<ProtobufOutputStream> encoder) {
        try {
            Path temp = Files.createTempFile(path.getFileName().toString(), ".tmp");
            try (var out = new BufferedOutputStream(Files.newOutputStream(temp), BUFFER)) {
                encoder.accept(ProtobufOutputStream.toStream(out));
            }
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
