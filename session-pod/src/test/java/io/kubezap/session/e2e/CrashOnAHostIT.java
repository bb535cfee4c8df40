package io.kubezap.session.e2e;

/**
 * {@link CrashIT} with its session on a session host (issue 81): the host killed (SIGKILL) at every point of a send
 * burst, every text once at the phone and sent, every text of the phone stored once.
 */
class CrashOnAHostIT extends CrashIT implements OnAHost {

    /**
     * Not run on a host: it rolls back the Signal state by copying the volume's key store back, and a host keeps its
     * sessions' keys in the database (storage mode Database), where a rollback is {@code DatabaseModeIT}'s to prove.
     */
    @Override
    void aPodWhoseSignalStateWentBackInTimeResendsWhatThePhoneCouldNotDecrypt() {
    }
}
