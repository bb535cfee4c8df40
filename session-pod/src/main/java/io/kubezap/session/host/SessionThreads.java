package io.kubezap.session.host;

import io.kubezap.session.host.scope.SessionKeys;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Threads that serve a session: the work runs under the session named where it was asked for (a request, an engine
 * callback, a worker's turn), as {@link SessionKeys#run}, since a thread starts naming none and a session host has no
 * primary session to fall back to (issue 81). Where nothing is named (a plain unit test) the work runs as it is.
 */
public final class SessionThreads {

    private SessionThreads() {
    }

    /** The session named here, for a thread started later (in a callback that may run where none is named). */
    public static Here here() {
        return new Here(SessionKeys.current());
    }

    /** {@code session}, named by the caller (a route that no filter has named yet). */
    public static Here serving(String session) {
        return new Here(Optional.of(session));
    }

    /** {@code work}, to run elsewhere serving the session named here. */
    public static Runnable named(Runnable work) {
        return here().named(work);
    }

    /** A virtual thread called {@code name} running {@code work} for the session named here. */
    public static Thread start(String name, Runnable work) {
        return here().start(name, work);
    }

    /** The session named where it was taken, if any. */
    public record Here(Optional<String> session) {

        public Runnable named(Runnable work) {
            return session.<Runnable>map(name -> () -> SessionKeys.run(name, work)).orElse(work);
        }

        public Thread start(String name, Runnable work) {
            Thread thread = unstarted(name, work);
            thread.start();
            return thread;
        }

        /** {@code work}'s answer, on this thread, serving the session. */
        public <T> T get(Supplier<T> work) {
            return session.map(name -> SessionKeys.get(name, work)).orElseGet(work);
        }

        public Thread unstarted(String name, Runnable work) {
            return Thread.ofVirtual().name(name).unstarted(named(work));
        }
    }
}
