package io.kubezap.session.engine.cobalt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the shim the JVM rejects Cobalt's Medias class, which media, history sync and app-state sync need. */
class AsposeShimTest {

    private static final byte[] NOT_A_DOCUMENT = "%PDF-1.4 truncated".getBytes();

    @Test
    void cobaltMediaClassLoadsAndInitialises() throws Exception {
        var medias = Class.forName("it.auties.whatsapp.util.Medias", true, getClass().getClassLoader());

        assertThat(medias.getDeclaredMethods()).isNotEmpty();
    }

    @Test
    void documentHelpersFallBackInsteadOfFailing() {
        assertThat(it.auties.whatsapp.util.Medias.getPagesCount(NOT_A_DOCUMENT)).isEqualTo(1);
        assertThat(it.auties.whatsapp.util.Medias.getDocumentThumbnail(NOT_A_DOCUMENT)).isNull();
    }
}
