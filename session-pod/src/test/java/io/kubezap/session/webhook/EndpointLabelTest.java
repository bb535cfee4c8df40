package io.kubezap.session.webhook;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointLabelTest {

    @Test
    void aLoggedErrorLosesThePathThatHoldsASlackToken() {
        URI slack = URI.create("https://bot:pw@hooks.slack.com/services/T0001/B0002/XXXXSECRETXXXX?x=1");
        String error = "select … arguments:{url:" + RedactedUrl.of(slack) + "} failed for " + slack;

        assertThat(EndpointLabel.scrub(error, slack)).doesNotContain("XXXXSECRETXXXX").doesNotContain("pw").contains("hooks.slack.com");
    }
}
