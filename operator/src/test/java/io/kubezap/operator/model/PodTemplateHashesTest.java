package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A session's template is hashed again only when what it is rendered from changed. */
class PodTemplateHashesTest {

    private final PodTemplateHashes hashes = new PodTemplateHashes();
    private final WhatsAppSession session = TestSessions.session("loja-01");
    private final PodInputs inputs = new PodInputs("database-1", "secrets-1");

    @Test
    void theSameGenerationAndInputsReuseTheHash() {
        session.getMetadata().setGeneration(3L);
        String first = hashes.of(session, inputs, template("first"));

        assertThat(hashes.of(session, new PodInputs("database-1", "secrets-1"), template("second"))).isEqualTo(first);
    }

    @Test
    void aNewGenerationNewInputsOrARecreatedSessionHashAgain() {
        session.getMetadata().setGeneration(3L);
        String first = hashes.of(session, inputs, template("first"));

        assertThat(hashes.of(session, new PodInputs("database-2", "secrets-1"), template("second")))
                .isEqualTo(PodTemplateHash.of(template("second")));
        session.getMetadata().setGeneration(4L);
        assertThat(hashes.of(session, new PodInputs("database-2", "secrets-1"), template("third")))
                .isEqualTo(PodTemplateHash.of(template("third")));
        session.getMetadata().setUid("uid-of-a-new-loja-01");
        assertThat(hashes.of(session, new PodInputs("database-2", "secrets-1"), template("fourth")))
                .isEqualTo(PodTemplateHash.of(template("fourth")));
        hashes.forget(SessionKey.of(session));
        assertThat(hashes.of(session, new PodInputs("database-2", "secrets-1"), template("fifth")))
                .isEqualTo(PodTemplateHash.of(template("fifth"))).isNotEqualTo(first);
    }

    @Test
    void withoutAGenerationEveryTemplateIsHashed() {
        session.getMetadata().setGeneration(null);
        assertThat(hashes.of(session, inputs, template("first"))).isEqualTo(PodTemplateHash.of(template("first")));
        assertThat(hashes.of(session, inputs, template("second"))).isEqualTo(PodTemplateHash.of(template("second")));
    }

    private static PodTemplateSpec template(String image) {
        return new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("session").withImage(image)
                .endContainer().endSpec().build();
    }
}
