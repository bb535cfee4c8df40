package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.api.v1alpha1.validation.CrdSchemaValidator;
import io.kubezap.contract.Jid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated CRD's rule on a filter's chats (its CEL, run by the CEL evaluator the gateway validates manifests with)
 * takes exactly the addresses the pod takes ({@link Jid}), on contract's table of addresses.
 */
class ChatEntryValidationTest {

    private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.of(CrdFiles.generatedCrd(), "v1alpha1");

    @ParameterizedTest(name = "{0} is a chat of a filter: {1}")
    @CsvFileSource(files = "../contract/src/test/resources/chat-addresses.csv", delimiter = '|', quoteCharacter = '\'',
            nullValues = "-")
    void theCrdTakesAChatEntryExactlyWhenThePodTakesItAsAnAddress(String entry, String chat) {
        ObjectNode manifest = CrdFiles.YAML.createObjectNode().put("apiVersion", "kubezap.io/v1alpha1")
                .put("kind", "WhatsAppSession");
        manifest.putObject("metadata").put("name", "filtered");
        ObjectNode filter = manifest.putObject("spec").putArray("webhooks").addObject()
                .put("url", "https://hooks.example.com/wa").putObject("filter");
        filter.putArray("chats").add(entry);

        assertThat(VALIDATOR.validate(manifest)).as("violations of chats: [%s]", entry).hasSize(chat == null ? 1 : 0);
        assertThat(chat == null).as("the pod refuses %s", entry).isEqualTo(refusedByThePod(entry));
    }

    private static boolean refusedByThePod(String address) {
        try {
            Jid.parse(address);
            return false;
        } catch (IllegalArgumentException refused) {
            return true;
        }
    }
}
