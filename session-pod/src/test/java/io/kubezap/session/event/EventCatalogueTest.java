package io.kubezap.session.event;

import io.kubezap.contract.EventCatalogue;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventCatalogueTest {

    /** An event type added to the code without documenting it fails here. */
    @Test
    void everyEventThePodRecordsIsDocumentedAsEmitted() throws Exception {
        List<String> recorded = Arrays.stream(EventCatalogue.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();

        assertThat(EventCatalogue.DESCRIBED).filteredOn(EventCatalogue.EventType::emitted)
                .extracting(EventCatalogue.EventType::type)
                .containsAll(recorded);
        assertThat(EventCatalogue.DESCRIBED).extracting(EventCatalogue.EventType::type).doesNotHaveDuplicates();
    }
}
