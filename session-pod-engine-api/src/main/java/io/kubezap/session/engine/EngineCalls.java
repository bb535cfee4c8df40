package io.kubezap.session.engine;

import io.kubezap.session.failure.Failure;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a call into WhatsApp that a request answers with, turning its failure into a {@link Failure} of WhatsApp. */
public final class EngineCalls {

    private static final long TIMEOUT_SECONDS = 30;

    private EngineCalls() {
    }

    /** What a capability the session's engine lacks answers: 501 {@code engine-unsupported}. */
    public static Failure unsupported(UnsupportedByEngine unsupported) {
        return new Failure(Failure.Kind.NOT_SUPPORTED, "engine-unsupported", "Not supported by this session's engine",
                unsupported.getMessage());
    }

    public static <T> T await(CompletionStage<T> call) {
        try {
            return call.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Failure problem) {
                throw problem;
            }
            if (failed.getCause() instanceof UnsupportedByEngine unsupported) {
                throw unsupported(unsupported);
            }
            String reason = failed.getCause() instanceof SendFailedException refused
                    ? refused.getMessage() : String.valueOf(failed.getCause());
            throw new Failure(Failure.Kind.WHATSAPP_FAILED, "whatsapp-refused", "WhatsApp did not accept it", reason);
        } catch (TimeoutException slow) {
            throw new Failure(Failure.Kind.WHATSAPP_TIMEOUT, "whatsapp-timeout", "WhatsApp did not answer",
                    "No answer from WhatsApp within " + TIMEOUT_SECONDS + " s; it may still arrive");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Failure(Failure.Kind.UNAVAILABLE, "interrupted", "Interrupted", "The pod is shutting down");
        }
    }
}
