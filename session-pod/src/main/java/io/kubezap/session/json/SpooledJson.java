package io.kubezap.session.json;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Values of one type as JSON for the session's volume, read back exactly as they were written: records, instants, and
 * sealed interfaces (each named, every permitted subtype by its simple name in {@code "@kind"}). A mapper of its own:
 * the application's replaces NUL (which PostgreSQL cannot store) and refuses it in requests, while a spooled text must
 * come back as it came.
 */
public final class SpooledJson<T> {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@kind")
    private interface Named {
    }

    private final ObjectWriter writer;
    private final ObjectReader reader;

    public SpooledJson(Class<T> type, Class<?>... sealedInterfaces) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        for (Class<?> sealed : sealedInterfaces) {
            named(mapper, sealed);
        }
        this.writer = mapper.writerFor(type);
        this.reader = mapper.readerFor(type);
    }

    private static void named(ObjectMapper mapper, Class<?> sealed) {
        if (!sealed.isSealed()) {
            throw new IllegalArgumentException(sealed + " is not sealed");
        }
        mapper.addMixIn(sealed, Named.class);
        for (Class<?> subtype : sealed.getPermittedSubclasses()) {
            if (subtype.isSealed()) {
                named(mapper, subtype);
            } else {
                mapper.registerSubtypes(new NamedType(subtype, subtype.getSimpleName()));
            }
        }
    }

    public byte[] write(T value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public T read(byte[] json) {
        try {
            return reader.readValue(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
