package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.KeyStoreTakenOver;
import it.auties.whatsapp.api.ErrorHandler;
import it.auties.whatsapp.api.Whatsapp;
import org.jboss.logging.Logger;

import java.util.Set;

/**
 * Logs Cobalt's internal failures through the application's logging (Cobalt's default prints
 * stack traces to the terminal) and decides what Cobalt does next. Failures that leave the session
 * unusable close the socket; the watchdog then reconnects with backoff.
 */
final class LoggingErrorHandler implements ErrorHandler {

    private static final Logger LOG = Logger.getLogger(LoggingErrorHandler.class);
    static final String DECRYPTING_METHOD = "decodeMessageBytes";
    static final String MISSING_PARTICIPANT = "Missing participant in group message";
    private static final Set<Location> FATAL_TO_CONNECTION =
            Set.of(Location.LOGIN, Location.INITIAL_APP_STATE_SYNC, Location.CRYPTOGRAPHY);

    @Override
    public Result handleError(Whatsapp whatsapp, Location location, Throwable throwable) {
        if (location == Location.RECONNECT) {
            LOG.debugf("Cobalt's own reconnect failed (%s); the watchdog retries", throwable);
            return Result.DISCARD;
        }
        if (causedBy(throwable, KeyStoreTakenOver.class)) {
            // the login gate refused a handshake: the watchdog reports it and stops
            LOG.infof("No login at %s: another pod of this session took its key store", location);
            return Result.DISCONNECT;
        }
        if (FATAL_TO_CONNECTION.contains(location)) {
            LOG.warnf(throwable, "WhatsApp session failure at %s; closing the connection", location);
            return Result.DISCONNECT;
        }
        if (location == Location.MESSAGE && isDecrypting()) {
            UndecryptableMessages.noteDecryptionFailure();
        }
        if (location == Location.MESSAGE && isWithoutParticipant(throwable)) {
            LidReadingOrder.SHARED.awaitReading(); // a one-to-one message from a LID, read beside Cobalt
        }
        LOG.debugf(throwable, "Ignored WhatsApp failure at %s", location);
        return Result.DISCARD;
    }

    private static boolean causedBy(Throwable throwable, Class<? extends Throwable> type) {
        for (var cause = throwable; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Cobalt 0.0.10's {@code decodeChatMessage} takes a sender not on {@code s.whatsapp.net} for a group's. */
    static boolean isWithoutParticipant(Throwable throwable) {
        return throwable instanceof NullPointerException && MISSING_PARTICIPANT.equals(throwable.getMessage());
    }

    /** Cobalt 0.0.10 reports a message it cannot decrypt from {@code MessageHandler.decodeMessageBytes}, then acks it. */
    private static boolean isDecrypting() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame -> frame.getMethodName().equals(DECRYPTING_METHOD)));
    }
}
