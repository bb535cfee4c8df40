package io.kubezap.session.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The JSON the pod writes never holds NUL: PostgreSQL's jsonb refuses the escape for it, so an event or a webhook body
 * naming a stranger's text or name with one could not be stored. Every string written (values and keys, in stored
 * JSON and API answers alike) shows U+FFFD, the replacement character, in its place, as the stored text does.
 */
@Singleton
public class StorableJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setCharacterEscapes(new NulReplaced());
    }

    private static final class NulReplaced extends CharacterEscapes {

        private static final SerializableString REPLACEMENT = new SerializedString("\\ufffd");
        private final int[] ascii = standardAsciiEscapesForJSON();

        NulReplaced() {
            ascii[0] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0 ? REPLACEMENT : null;
        }
    }
}
