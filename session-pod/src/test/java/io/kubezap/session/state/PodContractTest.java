package io.kubezap.session.state;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.contract.WebhookFile;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pod keeps to the contract it shares with the operator (module contract); its phases and state document are the contract's own types. */
class PodContractTest {

    @Test
    void theEventsThePodRecordsAreTheCatalogueLessThoseNotEmittedYet() throws IllegalAccessException {
        List<String> recorded = new java.util.ArrayList<>();
        for (Field field : EventCatalogue.class.getFields()) {
            // webhook.test is sent to one endpoint on request, never recorded
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !field.get(null).equals(EventCatalogue.WEBHOOK_TEST)) {
                recorded.add((String) field.get(null));
            }
        }
        List<String> expected = EventCatalogue.ALL.stream().filter(e -> !EventCatalogue.NOT_EMITTED_YET.contains(e)).toList();
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theDocumentedCatalogueIsTheContractsCatalogue() {
        var documented = EventCatalogue.DESCRIBED;
        List<String> contract = new java.util.ArrayList<>(EventCatalogue.ALL);
        contract.add(EventCatalogue.WEBHOOK_TEST);
        assertThat(documented).extracting(EventCatalogue.EventType::type)
                .containsExactlyInAnyOrderElementsOf(contract);
        assertThat(documented).filteredOn(type -> !type.emitted())
                .extracting(EventCatalogue.EventType::type)
                .containsExactlyInAnyOrderElementsOf(EventCatalogue.NOT_EMITTED_YET);
    }

    @Test
    void theWebhookFileEntriesHaveTheContractsFieldNames() throws ClassNotFoundException {
        Class<?> entry = Class.forName("io.kubezap.session.webhook.WebhookEndpoints$Entry");
        assertThat(Arrays.stream(entry.getRecordComponents()).map(RecordComponent::getName))
                .contains(WebhookFile.URL, WebhookFile.EVENTS, WebhookFile.SECRET_FILE);
    }
}
