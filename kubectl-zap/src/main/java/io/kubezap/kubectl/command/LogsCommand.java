package io.kubezap.kubectl.command;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.kubezap.kubectl.run.RunOpener;
import io.kubezap.kubectl.run.ZapRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The session pod's log, as {@code kubectl logs} shows it, without having to know the pod's name. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "The session pod's log.")
public class LogsCommand implements Runnable {

    @ParentCommand
    RunOpener zap;

    @Parameters(paramLabel = "SESSION")
    String name;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines")
    boolean follow;

    @Option(names = "--tail", paramLabel = "LINES", defaultValue = "-1",
            description = "Only the last LINES lines (default: all)")
    int tail;

    @Override
    public void run() {
        try (ZapRun run = zap.open()) {
            Pod pod = run.lookup().anyPod(run.session(name));
            PodResource resource = run.client().pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName());
            var lines = tail >= 0 ? resource.tailingLines(tail) : resource;
            if (!follow) {
                run.out().print(lines.getLog());
                run.out().flush();
                return;
            }
            try (LogWatch watch = lines.watchLog();
                 BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    run.out().println(line);
                    run.out().flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
