package io.kubezap.session.architecture;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.kubezap.session.host.SessionThreads;
import io.kubezap.session.host.SessionTimers;
import io.kubezap.session.host.scope.SessionKeys;
import io.kubezap.session.runtime.SessionRuntime;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code that starts a thread, an executor or a timer in session-pod does it where the work names its session
 * ({@code SessionKeys.run}, {@code host.SessionThreads}, {@code host.SessionTimers}), or it is work of the JVM that
 * serves no session, each place listed below with why. A session host has no primary session, so work on a thread
 * nobody named reaches no {@code @PerSession} bean (it fails closed, {@code ContextNotActiveException}) and quietly does
 * nothing for its session (issue 81). Listed by the method that makes the thread (a lambda's by the method it is written
 * in; a field's initialiser is {@code <init>}, a static one {@code <clinit>}); a class listed as naming must use one of
 * the namers, and every place listed must still make a thread. Only session-pod's own classes are read (the engine
 * adapters' callbacks are named by the listener {@code SessionRuntime} hands them); thread makers shared from
 * session-pod-engine-api ({@code retry.Workers}, {@code retry.WorkLoop}) count as making one.
 */
class ThreadsNameTheirSessionTest {

    /** Where a thread is made for work that names its session, and how it names it. */
    static final Map<String, String> NAMING = Map.ofEntries(
            Map.entry("SessionThreads.unstarted", "the session named where the thread is asked for (SessionKeys.run)"),
            Map.entry("SessionTimers.<init>", "the JVM's one timer thread: each turn runs under the session that set it"),
            Map.entry("StateChangeNotice.changed", "SessionKeys.run: the session whose state changed"),
            Map.entry("WritesAwaitingDatabase.keep", "SessionKeys.run: the session whose writes wait"),
            Map.entry("WritesAwaitingDatabase.startWriter", "SessionKeys.run: the session whose writes wait"),
            Map.entry("WebhookDispatcher.<init>", "Workers of a @PerSession dispatcher, each started named (SessionThreads)"),
            Map.entry("SinkDispatcher.<init>", "Workers of a @PerSession dispatcher, each started named (SessionThreads)"),
            Map.entry("ChatwootConnector.<init>", "Workers of the session's connector, each started named (SessionThreads)"),
            Map.entry("OutboundWorker.<init>", "a WorkLoop whose turns run under SessionKeys.runTurn"),
            Map.entry("KeptHistoryReader.<init>", "a WorkLoop whose turns run under SessionKeys.runTurn"),
            Map.entry("AutoMarkReads.<init>", "each task wrapped by SessionThreads.named"),
            Map.entry("AutoReplies.<init>", "each task wrapped by SessionThreads.named"),
            Map.entry("MediaFiles.<clinit>", "each task wrapped by SessionThreads.named"));

    /** Where the work a thread runs is named by whoever makes the object: listed with who names it. */
    static final Map<String, String> NAMED_BY_MAKER = Map.ofEntries(
            Map.entry("DebouncedKeyStoreMirror.<init>", "each task wrapped by `around`, which NamedKeyStoreMirror names"),
            Map.entry("DebouncedKeyStoreMirror.flush", "wrapped by `around`, which NamedKeyStoreMirror names"));

    /** Where a thread is made for the JVM's own work, which reaches no session's state. */
    static final Map<String, String> JVM_WIDE = Map.ofEntries(
            Map.entry("SchemaGate.<init>", "waits for the schema, the JVM's; then starts the pod's session or the host's loop"),
            Map.entry("HostProcess.start", "the host's poll of its sessions' directory; the applier names each session"),
            Map.entry("SettledHeapCollection.onStateChanged", "one heap collection of the JVM once settled"),
            Map.entry("LocalDatabase.start", "local mode's embedded PostgreSQL process, started and stopped with the JVM"),
            Map.entry("OpenGraphPreviews.of", "fetches a public page through the admin's egress rules; no session's state"));

    /** session-pod's main classes, wherever the build put them (a directory or its jar). */
    private static final JavaClasses SESSION_POD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(Set.of(Location.of(SessionRuntime.class.getProtectionDomain().getCodeSource().getLocation())));

    private static final Set<String> NAMERS = Set.of(SessionKeys.class.getName(), SessionThreads.class.getName(),
            SessionTimers.class.getName());

    private static final ArchCondition<JavaClass> MAKE_THREADS_ONLY_WHERE_LISTED = new ArchCondition<>(
            "make threads, executors and timers only where the work names its session or is the JVM's") {
        @Override
        public void check(JavaClass owner, ConditionEvents events) {
            for (JavaAccess<?> access : owner.getAccessesFromSelf()) {
                if (makesAThread(access)) {
                    String place = place(access);
                    boolean listed = NAMING.containsKey(place) || NAMED_BY_MAKER.containsKey(place) || JVM_WIDE.containsKey(place);
                    events.add(new SimpleConditionEvent(access, listed, access.getDescription()
                            + ": a thread nobody names serves no session on a host; name it (SessionThreads, SessionTimers)"
                            + " or list " + place + " here with why it serves none"));
                }
            }
        }
    };

    @Test
    void threadsAreMadeOnlyWhereTheirWorkNamesItsSessionOrIsTheJvms() {
        classes().should(MAKE_THREADS_ONLY_WHERE_LISTED).check(SESSION_POD);
    }

    @Test
    void everyPlaceListedStillMakesAThread() {
        Set<String> making = new TreeSet<>();
        SESSION_POD.forEach(owner -> owner.getAccessesFromSelf().stream().filter(ThreadsNameTheirSessionTest::makesAThread)
                .forEach(access -> making.add(place(access))));
        assertThat(making).as("the places in session-pod that make a thread")
                .containsAll(Stream.of(NAMING, NAMED_BY_MAKER, JVM_WIDE).flatMap(list -> list.keySet().stream()).toList());
    }

    @Test
    void aClassListedAsNamingItsThreadsUsesANamer() {
        Set<String> namingNothing = new TreeSet<>();
        for (String place : NAMING.keySet()) {
            String owner = place.substring(0, place.indexOf('.'));
            boolean names = SESSION_POD.stream().filter(type -> outerName(type).equals(owner))
                    .flatMap(type -> type.getDirectDependenciesFromSelf().stream())
                    .anyMatch(dependency -> NAMERS.contains(dependency.getTargetClass().getName()))
                    || NAMERS.stream().anyMatch(namer -> namer.endsWith("." + owner));
            if (!names) {
                namingNothing.add(place);
            }
        }
        assertThat(namingNothing).as("places listed as naming their session whose class uses no namer").isEmpty();
    }

    /** {@code Class.method} of the code that makes the thread, a nested class by its outermost one. */
    private static String place(JavaAccess<?> access) {
        return outerName(access.getOriginOwner()) + "." + method(access.getOrigin().getName());
    }

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
        return (target.getName().equals("io.kubezap.session.retry.Workers")
                || target.getName().equals("io.kubezap.session.retry.WorkLoop")) && name.equals("<init>");
    }
}
