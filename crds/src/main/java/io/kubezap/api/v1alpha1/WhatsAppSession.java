package io.kubezap.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One WhatsApp number, reconciled into its own session pod. */
@Group(WhatsAppSession.GROUP)
@Version(WhatsAppSession.VERSION)
@Kind("WhatsAppSession")
@Singular("whatsappsession")
@Plural("whatsappsessions")
@ShortNames({"was", "wasession"})
@Categories("whatsapp")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phone", jsonPath = ".status.account.phoneNumber", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = WhatsAppSession.NAME_RULE, message = WhatsAppSession.NAME_MESSAGE, reason = "FieldValueInvalid",
        fieldPath = ".metadata.name")
public class WhatsAppSession extends CustomResource<WhatsAppSessionSpec, WhatsAppSessionStatus> implements Namespaced {

    public static final String GROUP = "kubezap.io";
    public static final String VERSION = "v1alpha1";

    /**
     * The session's name is its Service's and StatefulSet's name: a DNS-1035 label, and short enough that the
     * StatefulSet controller's {@code controller-revision-hash} label ({@code <name>-<10 characters>}) stays within
     * the 63 characters of a label value.
     */
    public static final int MAX_NAME_LENGTH = 52;
    public static final String NAME_RULE = "size(self.metadata.name) <= 52 "
            + "&& self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')";
    public static final String NAME_MESSAGE = "metadata.name must be at most 52 lower-case letters, digits or '-', "
            + "start with a letter and end with a letter or digit: it names the session's Service and StatefulSet";

    /** A new resource has an empty spec; its status stays null until the operator writes one. */
    @Override
    protected WhatsAppSessionSpec initSpec() {
        return new WhatsAppSessionSpec();
    }
}
