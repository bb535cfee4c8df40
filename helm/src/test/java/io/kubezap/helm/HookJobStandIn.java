package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.HttpURLConnection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the job controller and a node, which a bare API server lacks: every Job in the namespace is reported
 * succeeded soon after it appears (its status written through the status subresource, as the job controller writes
 * it), so Helm, which waits for its hook Jobs, goes on. The Job's container never runs here; system-tests'
 * RealChartHooksIT runs it as the chart defines it, on a real cluster with a node. Where a test runs kube-controller-manager, its job controller
 * makes the Job's pod too (Pending: no node) and writes the status alongside; a write conflict is retried.
 */
final class HookJobStandIn implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final List<String> completed = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

    HookJobStandIn(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        poller.scheduleWithFixedDelay(this::completeNewJobs, 0, 200, TimeUnit.MILLISECONDS);
    }

    /** The names of the Jobs reported succeeded, in order. */
    List<String> completed() {
        return completed;
    }

    /** The status writes the API server refused. */
    List<String> failures() {
        return failures;
    }

    private void completeNewJobs() {
        try {
            for (Job job : client.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
                if (job.getStatus() == null || job.getStatus().getCompletionTime() == null) {
                    complete(job);
                }
            }
        } catch (KubernetesClientException e) {
            // a job controller (kube-controller-manager, where a test runs one) wrote the Job first: the next poll retries
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                failures.add(e.getMessage());
            }
        } catch (RuntimeException e) {
            failures.add(e.getMessage());
        }
    }

    private void complete(Job job) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        // a start time the job controller wrote already stays: the server refuses to change it
        String started = job.getStatus() != null && job.getStatus().getStartTime() != null
                ? job.getStatus().getStartTime() : now;
        job.setStatus(new JobStatusBuilder().withStartTime(started).withCompletionTime(now).withSucceeded(1)
                .withConditions(
                        new JobConditionBuilder().withType("SuccessCriteriaMet").withStatus("True")
                                .withLastTransitionTime(now).withLastProbeTime(now).build(),
                        new JobConditionBuilder().withType("Complete").withStatus("True")
                                .withLastTransitionTime(now).withLastProbeTime(now).build())
                .build());
        client.batch().v1().jobs().resource(job).updateStatus();
        completed.add(job.getMetadata().getName());
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
