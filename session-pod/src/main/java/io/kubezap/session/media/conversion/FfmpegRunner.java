package io.kubezap.session.media.conversion;

import io.kubezap.session.child.ChildEnvironment;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the image's {@code ffmpeg} or {@code ffprobe} (its Ubuntu base's package; Debian's where the tests run) as a child process with the pod's
 * own user and limits, and none of the pod's environment but its PATH and locale ({@link ChildEnvironment}): the pod's
 * heap never holds a decoded frame or sample, and nothing of FFmpeg is loaded while no send needs it. Each run is
 * bounded in time ({@link ConversionLimits#timeout()}): past it the process is killed and the media refused.
 */
@Singleton
public class FfmpegRunner {

    private static final int ERROR_TAIL = 400;
    private static final File NULL_DEVICE = new File("/dev/null");

    private final ConversionLimits limits;
    /** Where the tools are; null: found on the PATH, as in the image. */
    private final Path tools;
    /** The tools' whole environment: the pod's PATH and locale, nothing else of the pod's. */
    private final Map<String, String> environment;

    @jakarta.inject.Inject
    public FfmpegRunner(ConversionLimits limits) {
        this(limits, null);
    }

    FfmpegRunner(ConversionLimits limits, Path tools) {
        this(limits, tools, ChildEnvironment.ofPod());
    }

    FfmpegRunner(ConversionLimits limits, Path tools, ChildEnvironment children) {
        this.limits = limits;
        this.tools = tools;
        this.environment = children.of(List.of(), Map.of());
    }

    /** Runs {@code tool} with {@code arguments} (its output files named in them); refuses the media on failure. */
    public void run(String tool, List<String> arguments, ScratchSpace scratch) {
        run(tool, arguments, null, scratch);
    }

    /** Runs {@code tool} with {@code arguments}, its standard output written to {@code output}; refuses on failure. */
    public void run(String tool, List<String> arguments, Path output, ScratchSpace scratch) {
        run(tool, arguments, output, scratch, limits.timeout());
    }

    /** As {@link #run(String, List, Path, ScratchSpace)}, killed after {@code timeout} (a video's re-encoding). */
    public void run(String tool, List<String> arguments, Path output, ScratchSpace scratch, Duration timeout) {
        run(tool, arguments, null, output, scratch, timeout);
    }

    /** Reads {@code input}'s {@code file} with {@code arguments} (which hold {@link MediaInput#reading}); refuses on failure. */
    void read(String tool, MediaInput input, Path file, List<String> arguments, Path output, ScratchSpace scratch) {
        run(tool, arguments, input.stdin(file), output, scratch, limits.timeout());
    }

    /** As {@link #run(String, List, Path, ScratchSpace, Duration)}, {@code stdin} (when not null) on its standard input. */
    void run(String tool, List<String> arguments, Path stdin, Path output, ScratchSpace scratch, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(List.of("-v", "error"));
        command.addAll(arguments);
        execute(command, stdin, output, scratch, timeout);
    }

    /** Runs another media tool of the image ({@code heif-convert}) under the same bounds, its arguments as given. */
    public void runTool(List<String> command, Path output, ScratchSpace scratch) {
        execute(command, null, output, scratch, limits.timeout());
    }


    private void execute(List<String> given, Path stdin, Path output, ScratchSpace scratch, Duration timeout) {
        String tool = given.get(0);
        List<String> command = new ArrayList<>(given);
        if (tools != null) {
            command.set(0, tools.resolve(tool).toString());
        }
        Path errors = null;
        try {
            errors = scratch.newFile();
            Process process = start(tool, command, stdin, output, errors, environment);
            awaitWithin(process, timeout);
            if (process.exitValue() != 0) {
                throw ConversionFailures.unreadable(tail(errors));
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException(tool + " was interrupted (the pod is stopping)"));
        } finally {
            ScratchSpace.delete(errors);
        }
    }

    private static Process start(String tool, List<String> command, Path stdin, Path output, Path errors,
                                 Map<String, String> environment) {
        try {
            var builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(stdin == null ? NULL_DEVICE : stdin.toFile()))
                    .redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile()))
                    .redirectError(errors.toFile());
            return ChildEnvironment.startingWith(builder, environment).start();
        } catch (IOException notInstalled) {
            throw new FfmpegMissingException(tool, notInstalled);
        }
    }

    /** Waits for {@code process}; kills it (and anything it started) when it takes longer than {@code limit}. */
    private static void awaitWithin(Process process, Duration limit) throws InterruptedException {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ConversionFailures.timedOut(limit);
            }
        } catch (InterruptedException | Failure stop) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw stop;
        }
    }

    private static String tail(Path errors) throws IOException {
        String text = Files.readString(errors, StandardCharsets.UTF_8).strip();
        return text.length() <= ERROR_TAIL ? text : "…" + text.substring(text.length() - ERROR_TAIL);
    }
}
