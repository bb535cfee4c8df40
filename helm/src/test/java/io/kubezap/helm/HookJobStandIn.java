package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the job controller and a node, which a bare API server lacks: every Job created in the namespace is
 * reported succeeded at once (its status written through the status subresource, as the job controller writes it), so
 * Helm, which waits for its hook Jobs, goes on. The Job's container never runs; what the migration does is proven
 * elsewhere (schema module, SchemaMigrationIT).
 */
final class HookJobStandIn implements AutoCloseable {

    private final KubernetesClient client;
    private final List<String> completed = new CopyOnWriteArrayList<>();
    private final Watch watch;

    HookJobStandIn(KubernetesClient client, String namespace) {
        this.client = client;
        this.watch = client.batch().v1().jobs().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                if (action == Action.ADDED && (job.getStatus() == null || job.getStatus().getCompletionTime() == null)) {
                    complete(job);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    /** The names of the Jobs reported succeeded, in order. */
    List<String> completed() {
        return completed;
    }

    private void complete(Job job) {
        String now = Instant.now().toString().replaceAll("\\.\\d+Z$", "Z");
        job.setStatus(new JobStatusBuilder().withStartTime(now).withCompletionTime(now).withSucceeded(1)
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
        watch.close();
    }
}
