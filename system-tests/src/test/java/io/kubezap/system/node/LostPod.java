package io.kubezap.system.node;

import io.fabric8.kubernetes.api.model.IntOrString;

import java.io.IOException;

/**
 * A pod on a node that vanished: nobody runs, probes or reports it any more, and its process is either gone (the
 * machine lost its power) or frozen (SIGSTOP: the machine cut off from the network, as far as anyone else can tell;
 * the stand-in has no network namespaces to cut a running process off with). Once the node's object is deleted, the
 * pod's object goes too (pod garbage collection) and the StatefulSet's pod is made again on the node that joined.
 */
public final class LostPod {

    /** How the node was lost. */
    public enum Loss { POWER_OFF, PARTITION }

    private final PodRuntime runtime;
    private final String node;
    private final Loss loss;

    LostPod(PodRuntime runtime, String node, Loss loss) {
        this.runtime = runtime;
        this.node = node;
        this.loss = loss;
    }

    /** Cuts the node off: the process killed (SIGKILL) or frozen (SIGSTOP). */
    void cutOff() {
        runtime.process().ifPresent(process -> signal(loss == Loss.POWER_OFF ? "KILL" : "STOP", process));
    }

    /** The node the pod ran on. */
    public String node() {
        return node;
    }

    /**
     * The node is back (after a partition): the process runs on where it stopped, with what it had in memory and in
     * its emptyDir, before its kubelet learns the pod was deleted and stops it ({@link #stopAsItsKubeletWould()}).
     */
    public void comeBack() {
        if (loss != Loss.PARTITION) {
            throw new IllegalStateException("a node that lost its power comes back with no process of the pod");
        }
        runtime.process().ifPresent(process -> signal("CONT", process));
    }

    /** Whether the pod's process still runs (frozen or not). */
    public boolean processAlive() {
        return runtime.process().isPresent();
    }

    /** The local port the pod's container port {@code port} was published on: the process's own address. */
    public int localPort(int port) {
        return runtime.localPort(new IntOrString(port)).orElseThrow();
    }

    /** The returning kubelet finds the pod deleted and stops its container (SIGTERM, SIGKILL after the grace). */
    public void stopAsItsKubeletWould() {
        runtime.process().ifPresent(process -> signal("CONT", process));
        runtime.stop();
    }

    private static void signal(String signal, ProcessHandle process) {
        try {
            // the shell's own kill: a machine with only a JDK may have no kill program (procps)
            int exit = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + process.pid()).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
