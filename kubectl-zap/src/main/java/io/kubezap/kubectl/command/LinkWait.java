package io.kubezap.kubectl.command;

import picocli.CommandLine.Option;

import java.time.Duration;

/** How long {@code qr} and {@code link} wait for the phone, and how often they look. */
public class LinkWait {

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT10M",
            description = "Give up after this long, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "PT1S", hidden = true)
    Duration pollInterval;
}
