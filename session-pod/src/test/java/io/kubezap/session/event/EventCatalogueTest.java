package io.kubezap.session.event;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventCatalogueTest {

    /** An event type added to the code without documenting it fails here. */
    @Test
    void everyEventThePodRecordsIsDocumentedAsEmitted() throws Exception {
        List<String> recorded = Arrays.stream(EventTypes.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();

        assertThat(EventCatalogue.ALL).filteredOn(EventCatalogue.EventType::emitted)
                .extracting(EventCatalogue.EventType::type)
                .containsAll(recorded);
        assertThat(EventCatalogue.ALL).extracting(EventCatalogue.EventType::type).doesNotHaveDuplicates();
    }
}
