package io.kubezap.session.architecture;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.kubezap.session.runtime.SessionRuntime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * Code that starts a thread, an executor or a timer in session-pod does it where the work names its session
 * ({@code SessionKeys.run}, {@code host.SessionTimers}), or it is work of the JVM that serves no session, each place
 * listed below with why. A session host has no primary session, so work on a thread nobody named reaches no
 * {@code @PerSession} bean (it fails closed, {@code ContextNotActiveException}) and quietly does nothing for its session
 * (issue 81). Listed by the method that makes the thread: a field's initialiser is {@code <init>}, a static one
 * {@code <clinit>}. Only session-pod's own classes are read; the engine adapters name their callbacks through the
 * listener {@code SessionRuntime} hands them.
 */
@AnalyzeClasses(locations = ThreadsNameTheirSessionTest.SessionPodClasses.class,
        importOptions = ImportOption.DoNotIncludeTests.class)
class ThreadsNameTheirSessionTest {

    /** Where a thread is made for work that names its session, and how it names it. */
    static final Map<String, String> NAMING = Map.ofEntries(
            Map.entry("SessionThreads.start", "the session named where the thread is asked for (SessionKeys.run)"),
            Map.entry("SessionTimers.<init>", "the JVM's one timer thread: each turn runs under the session that set it"),
            Map.entry("StateChangeNotice.changed", "SessionKeys.run: the session whose state changed"),
            Map.entry("WritesAwaitingDatabase.keep", "SessionKeys.run: the session whose writes wait"),
            Map.entry("WritesAwaitingDatabase.startWriter", "SessionKeys.run: the session whose writes wait"),
            Map.entry("WebhookDispatcher.<init>", "Workers of a @PerSession dispatcher, each started named (SessionThreads)"),
            Map.entry("SinkDispatcher.<init>", "Workers of a @PerSession dispatcher, each started named (SessionThreads)"),
            Map.entry("ChatwootConnector.<init>", "Workers of the session's connector, each started named (SessionThreads)"),
            Map.entry("OutboundWorker.<init>", "a WorkLoop whose turns run under SessionKeys.runTurn"),
            Map.entry("KeptHistoryReader.<init>", "a WorkLoop whose turns run under SessionKeys.runTurn"),
            Map.entry("DebouncedKeyStoreMirror.<init>", "each task wrapped by `around`: NamedKeyStoreMirror names the session"),
            Map.entry("DebouncedKeyStoreMirror.flush", "wrapped by `around`: NamedKeyStoreMirror names the session"),
            Map.entry("AutoMarkReads.<init>", "each task wrapped by SessionThreads.named"),
            Map.entry("AutoReplies.<init>", "each task wrapped by SessionThreads.named"),
            Map.entry("MediaFiles.<clinit>", "each task wrapped by SessionThreads.named"));

    /** Where a thread is made for the JVM's own work, which reaches no session's state. */
    static final Map<String, String> JVM_WIDE = Map.ofEntries(
            Map.entry("SchemaGate.<init>", "waits for the schema, the JVM's; then starts the pod's session or the host's loop"),
            Map.entry("HostProcess.start", "the host's poll of its sessions' directory; the applier names each session"),
            Map.entry("SettledHeapCollection.onStateChanged", "one heap collection of the JVM once settled"),
            Map.entry("LocalDatabase.start", "local mode's embedded PostgreSQL process"),
            Map.entry("LocalDatabase.<init>", "local mode's embedded PostgreSQL process, stopped at JVM exit"),
            Map.entry("OpenGraphPreviews.card", "fetches a public page through the admin's egress rules; no session's state"));

    /** The classes of session-pod's main code, wherever the build put them (a directory or its jar). */
    static final class SessionPodClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(Location.of(SessionRuntime.class.getProtectionDomain().getCodeSource().getLocation()));
        }
    }

    private static final ArchCondition<JavaClass> MAKE_THREADS_ONLY_WHERE_LISTED = new ArchCondition<>(
            "make threads, executors and timers only where the work names its session or is the JVM's") {
        @Override
        public void check(JavaClass owner, ConditionEvents events) {
            for (JavaAccess<?> access : owner.getAccessesFromSelf()) {
                if (makesAThread(access)) {
                    String outer = outerName(owner) + "." + method(access.getOrigin().getName());
                    boolean listed = NAMING.containsKey(outer) || JVM_WIDE.containsKey(outer);
                    events.add(new SimpleConditionEvent(access, listed, access.getDescription()
                            + ": a thread nobody names serves no session on a host; name it (SessionThreads, SessionTimers)"
                            + " or list " + outer + " here with why it serves none"));
                }
            }
        }
    };

    /** A lambda's body is a method of its own ({@code lambda$card$1}): it counts as the method it is written in. */
    private static String method(String name) {
        if (!name.startsWith("lambda$")) {
            return name;
        }
        String written = name.substring("lambda$".length(), name.lastIndexOf('$'));
        return switch (written) {
            case "new" -> "<init>";
            case "static" -> "<clinit>";
            default -> written;
        };
    }

    private static String outerName(JavaClass owner) {
        String simple = owner.getName().substring(owner.getPackageName().length() + 1);
        return simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
    }

    private static boolean makesAThread(JavaAccess<?> access) {
        JavaClass target = access.getTargetOwner();
        String name = access.getName();
        if (target.isEquivalentTo(Thread.class)) {
            return name.equals("ofVirtual") || name.equals("ofPlatform") || name.equals("startVirtualThread")
                    || name.equals("<init>");
        }
        if (target.isEquivalentTo(Executors.class)) {
            return true;
        }
        if (target.isEquivalentTo(java.util.Timer.class) || target.isAssignableTo(ThreadPoolExecutor.class)
                || target.isAssignableTo(ForkJoinPool.class)) {
            return name.equals("<init>");
        }
        // session-pod's shared makers of worker threads (module session-pod-engine-api)
        return target.getName().equals("io.kubezap.session.retry.Workers") && name.equals("<init>")
                || target.getName().equals("io.kubezap.session.retry.WorkLoop") && name.equals("<init>");
    }

    @ArchTest
    static final ArchRule threadsNameTheirSession = classes().should(MAKE_THREADS_ONLY_WHERE_LISTED);
}
