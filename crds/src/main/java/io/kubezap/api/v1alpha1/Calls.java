package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/** What the session does with incoming calls. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Calls {

    @JsonPropertyDescription("Decline every incoming call as it rings, optionally answering the caller with a text.")
    private AutoReject autoReject;

    public AutoReject getAutoReject() { return autoReject; }
    public void setAutoReject(AutoReject autoReject) { this.autoReject = autoReject; }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class AutoReject {

        @JsonPropertyDescription("true: every incoming call is declined (the caller sees it declined). Default false.")
        private Boolean enabled;

        @JsonPropertyDescription("A text sent to the caller after declining, once per call (e.g. \"We do not take calls here; please write\").")
        @Size(max = 4096)
        private String message;

        public Boolean getEnabled() { return enabled; }
        public void setEnabled(Boolean enabled) { this.enabled = enabled; }

        public String getMessage() { return message; }
        public void setMessage(String message) { this.message = message; }
    }
}
