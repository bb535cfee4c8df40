package io.kubezap.operator.model;

import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Fields a session's spec still accepts (the version keeps every field it had, docs/crd-versioning.md) but that the
 * operator no longer carries out, because a tenant must not decide them. Reported as condition {@code SpecFieldsIgnored}
 * (io.kubezap.operator.status.StatusAggregator#CONDITION_SPEC_FIELDS_IGNORED).
 */
public final class IgnoredSpecFields {

    private IgnoredSpecFields() {
    }

    /** What is set and ignored, with why; empty when nothing is. */
    public static List<String> of(WhatsAppSessionSpec spec, InstallationSinks installation) {
        List<String> ignored = new ArrayList<>();
        if (spec != null) {
            installation.shadowed(spec).forEach(name -> ignored.add("spec.events.sinks '" + name + "' is ignored: the"
                    + " installation's event sink of that name (the chart's session.events.sinks) takes its place"));
        }
        if (spec != null && spec.getMedia() != null && spec.getMedia().getAllowPrivateUrls() != null) {
            ignored.add("spec.media.allowPrivateUrls is ignored: which private addresses sends by URL may reach is the "
                    + "cluster admin's operator setting kubezap.session.media-url-allow-list");
        }
        return ignored;
    }
}
