package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the session's events go, after the namespace's and the installation's defaults: what the pod was given, each
 * output with where it came from. Never a secret: webhook URLs without query or credentials.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EffectiveOutputs {

    /** An output came from the session's own spec. */
    public static final String FROM_SESSION = "Session";
    /** From the namespace's defaults (ConfigMap kubezap-session-defaults). */
    public static final String FROM_NAMESPACE = "Namespace";
    /** From the installation's defaults (the chart's session.defaults.webhooks, session.events.sinks). */
    public static final String FROM_INSTALLATION = "Installation";

    @JsonPropertyDescription("The webhooks the pod delivers to: url (query and credentials masked) and from (Session, Namespace or Installation).")
    private List<Output> webhooks = new ArrayList<>();

    @JsonPropertyDescription("The event sinks the pod publishes to: name and from (Session, Namespace or Installation).")
    private List<Output> sinks = new ArrayList<>();

    public EffectiveOutputs() {
    }

    public EffectiveOutputs(List<Output> webhooks, List<Output> sinks) {
        this.webhooks = webhooks;
        this.sinks = sinks;
    }

    public List<Output> getWebhooks() { return webhooks; }
    public void setWebhooks(List<Output> webhooks) { this.webhooks = webhooks; }

    public List<Output> getSinks() { return sinks; }
    public void setSinks(List<Output> sinks) { this.sinks = sinks; }

    @Override
    public boolean equals(Object o) {
        return o instanceof EffectiveOutputs other && Objects.equals(webhooks, other.webhooks) && Objects.equals(sinks, other.sinks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(webhooks, sinks);
    }

    /** One webhook (by its URL) or sink (by its name), and where it came from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Output {

        @JsonPropertyDescription("The webhook's URL (query and credentials masked) or the sink's name.")
        private String target;

        @JsonPropertyDescription("Session, Namespace or Installation.")
        private String from;

        public Output() {
        }

        public Output(String target, String from) {
            this.target = target;
            this.from = from;
        }

        public String getTarget() { return target; }
        public void setTarget(String target) { this.target = target; }

        public String getFrom() { return from; }
        public void setFrom(String from) { this.from = from; }

        @Override
        public boolean equals(Object o) {
            return o instanceof Output other && Objects.equals(target, other.target) && Objects.equals(from, other.from);
        }

        @Override
        public int hashCode() {
            return Objects.hash(target, from);
        }

        @Override
        public String toString() {
            return target + " (" + from + ")";
        }
    }
}
