package io.kubezap.system.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What another JVM holds, read with the JDK's own {@code jcmd} (a full GC first) and {@code /proc}. */
public final class JvmHeap {

    private JvmHeap() {
    }

    /** Bytes of live objects: {@code GC.class_histogram} collects fully before it counts. */
    public static long liveBytesAfterFullGc(long pid) throws IOException, InterruptedException {
        return liveBytes(jcmd(pid, "GC.class_histogram"));
    }

    /** As {@link #liveBytesAfterFullGc}, printing the histogram's first {@code classes} classes (largest first). */
    public static long liveBytesAfterFullGc(long pid, int classes) throws IOException, InterruptedException {
        List<String> lines = jcmd(pid, "GC.class_histogram");
        lines.stream().limit(classes + 3L).forEach(System.out::println);
        return liveBytes(lines);
    }

    private static long liveBytes(List<String> lines) {
        for (String line : lines.reversed()) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Total")) {
                String[] fields = trimmed.split("\\s+");
                return Long.parseLong(fields[2]);
            }
        }
        throw new IllegalStateException("jcmd GC.class_histogram printed no total: " + lines);
    }

    /** {@code VM.native_memory summary} (needs {@code -XX:NativeMemoryTracking=summary}), or why there is none. */
    public static List<String> nativeMemorySummary(long pid) throws IOException, InterruptedException {
        try {
            return jcmd(pid, "VM.native_memory summary scale=MB");
        } catch (IllegalStateException off) {
            return List.of("no native memory summary (run the JVM with -XX:NativeMemoryTracking=summary)");
        }
    }

    public static long residentBytes(long pid) throws IOException {
        return statusBytes(pid, "VmRSS:");
    }

    /** The most the process was resident at any time since it started ({@code VmHWM}): what a memory limit meets. */
    public static long peakResidentBytes(long pid) throws IOException {
        return statusBytes(pid, "VmHWM:");
    }

    private static long statusBytes(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no " + field + " for process " + pid);
    }

    private static List<String> jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        List<String> lines = new String(jcmd.getInputStream().readAllBytes()).lines().toList();
        if (!jcmd.waitFor(2, TimeUnit.MINUTES) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + lines);
        }
        return lines;
    }
}
