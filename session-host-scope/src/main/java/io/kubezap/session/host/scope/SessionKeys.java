package io.kubezap.session.host.scope;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The sessions this JVM holds and the one the code running now serves: named on the thread ({@link #call}), else by
 * the request under way ({@link #ambient}, set by the HTTP edge), else the primary session, if there is one: a session
 * pod's own, which code not yet moved to {@link PerSession} serves (a pod of one session needs no naming anywhere). A
 * host without a primary serves none where none is named.
 */
public final class SessionKeys {

    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<String> ON_THREAD = new ThreadLocal<>();
    private static volatile Supplier<String> ambient = () -> null;
    private static volatile String primary;

    private SessionKeys() {
    }

    public static void hold(String session) {
        HELD.add(session);
    }

    /** The session leaves this JVM: its {@link PerSession} instances are destroyed. */
    public static void release(String session) {
        HELD.remove(session);
        if (session.equals(primary)) {
            primary = null;
        }
        PerSessionContext.destroyed(session);
    }

    public static boolean holds(String session) {
        return HELD.contains(session);
    }

    /** {@code session} (held) serves whatever runs unnamed; null: nothing does. */
    public static void primary(String session) {
        primary = session;
    }

    /** Where a request names its session when no thread does (the HTTP edge's request context). */
    public static void ambient(Supplier<String> requestSession) {
        ambient = requestSession;
    }

    public static Optional<String> current() {
        String named = ON_THREAD.get();
        if (named == null) {
            named = ambient.get();
        }
        if (named == null) {
            named = primary;
        }
        return Optional.ofNullable(named).filter(HELD::contains);
    }

    /** Runs {@code work} serving {@code session} (an engine's callback, a worker's turn, a timer). */
    public static <T> T call(String session, Callable<T> work) throws Exception {
        String outer = ON_THREAD.get();
        ON_THREAD.set(session);
        try {
            return work.call();
        } finally {
            if (outer == null) {
                ON_THREAD.remove();
            } else {
                ON_THREAD.set(outer);
            }
        }
    }

    /** A worker's turn, which waits and so may be interrupted. */
    @FunctionalInterface
    public interface Turn {
        void run() throws InterruptedException;
    }

    /** The session the running code serves, which a worker it starts is to serve too. */
    public static String naming() {
        return current().orElseThrow(() -> new IllegalStateException("No session is named here"));
    }

    /** Runs a worker's {@code turn} serving {@code session}. */
    public static void runTurn(String session, Turn turn) throws InterruptedException {
        try {
            call(session, () -> {
                turn.run();
                return null;
            });
        } catch (InterruptedException | RuntimeException passed) {
            throw passed;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code work}'s answer, serving {@code session}. */
    public static <T> T get(String session, Supplier<T> work) {
        try {
            return call(session, work::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void run(String session, Runnable work) {
        try {
            call(session, () -> {
                work.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
