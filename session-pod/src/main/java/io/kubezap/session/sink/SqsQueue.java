package io.kubezap.session.sink;

import java.util.Optional;

/**
 * What an SQS sink has beyond the other sinks: the region its requests are signed for, the session token of temporary
 * credentials, and the queue that takes what its own queue refuses (absent: such an event is retried until taken).
 */
public record SqsQueue(String region, Optional<String> sessionToken, Optional<String> deadLetterQueue) {

    /** Not an SQS sink. */
    public static final SqsQueue NONE = new SqsQueue(null, Optional.empty(), Optional.empty());
}
