package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

public class SendRateLimit {

    public static final int DEFAULT_PER_MINUTE = 30;

    @JsonPropertyDescription("Most messages sent per minute; further sends wait in the outbound queue.")
    @Default("30")
    @Min(1)
    @Max(1000)
    private Integer perMinute;

    public SendRateLimit() {
    }

    public SendRateLimit(Integer perMinute) {
        this.perMinute = perMinute;
    }

    public Integer getPerMinute() { return perMinute; }
    public void setPerMinute(Integer perMinute) { this.perMinute = perMinute; }
}
