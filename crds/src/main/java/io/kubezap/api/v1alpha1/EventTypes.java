package io.kubezap.api.v1alpha1;

import io.kubezap.contract.EventCatalogue;

import java.util.List;

/**
 * The stable, dotted event names of the shared catalogue; webhook filters may only name these. The CRD's rule and
 * field description name them through placeholders: the build's post-processor (src/build/CrdPostProcessor.java)
 * writes {@link EventCatalogue#ALL} in their place, so the CRD follows the catalogue without a hand-kept copy.
 */
public final class EventTypes {

    public static final List<String> ALL = EventCatalogue.ALL;

    /** Replaced in the generated CRD by the names, comma-separated. */
    public static final String NAMES = "${EventCatalogue.ALL}";
    /** Replaced in the generated CRD by the names as a CEL list of strings. */
    public static final String CEL_LIST = "${EventCatalogue.ALL:CEL}";

    /**
     * Bounds of an event list (the catalogue's size with room to grow) and of one name: the API server estimates a
     * CEL rule's cost from them (docs/crd-versioning.md) and refuses the CRD when a list under a rule is unbounded.
     */
    public static final int MAX_LIST = 64;
    public static final int MAX_NAME_LENGTH = 64;

    /** CEL over a list of strings: every entry is a known event type. */
    public static final String CEL_ALL_KNOWN = "self.all(e, e in " + CEL_LIST + ")";

    private EventTypes() {
    }
}
