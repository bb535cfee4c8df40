package io.kubezap.operator.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Starts the operator (JOSDK) once the API server answers, on a thread of its own, so that a slow or unreachable API
 * server delays the operator and never stops it (issue 84). JOSDK's start makes calls whose failure ends it: with
 * leader election, a SelfSubjectRulesReview of the Lease, which timed out at the client's 10 s under load and ended
 * the process. Meanwhile Quarkus runs and {@code /q/health/ready} is {@code DOWN} (the Operator SDK's check: not
 * started, then informers not synced). The Quarkus Operator SDK's own start is off
 * ({@code quarkus.operator-sdk.start-operator=false}).
 */
@ApplicationScoped
class OperatorStart {

    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LAST_PAUSE = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(OperatorStart.class);

    private volatile boolean stopping;
    private volatile boolean startedOperator;
    private volatile Thread starter;
    private volatile Operator operator;

    void onStart(@Observes StartupEvent started, Operator operator, KubernetesClient client) {
        this.operator = operator;
        starter = Thread.ofPlatform().name("operator-start").daemon().start(() -> startWhenAnswered(operator, client));
    }

    /**
     * The Operator SDK stops only an operator it started itself, so this one is stopped here: its informers and
     * reconcilers must not outlive the application's client (in tests, they did into the next application of the JVM).
     * A process stopping before the API server answered does not start it afterwards, nor ends for that failure.
     */
    synchronized void onStop(@Observes ShutdownEvent stopped) {
        stopping = true;
        Thread waiting = starter;
        if (waiting != null) {
            waiting.interrupt();
        }
        if (startedOperator) {
            operator.stop();
        }
    }

    private void startWhenAnswered(Operator operator, KubernetesClient client) {
        try {
            awaitApiServer(client);
            startUnlessStopping(operator);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failed) {
            if (stopping) {
                return;
            }
            // the API server went silent again between its answer and JOSDK's calls: a new process tries again
            LOG.error("The operator could not start; exiting", failed);
            Quarkus.asyncExit(1);
        }
    }

    private synchronized void startUnlessStopping(Operator operator) {
        if (!stopping) {
            operator.start();
            startedOperator = true;
        }
    }

    private static void awaitApiServer(KubernetesClient client) throws InterruptedException {
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                client.getKubernetesVersion();
                return;
            } catch (KubernetesClientException unanswered) {
                LOG.warnf("The API server did not answer (%s); the operator starts once it does, next try in %s",
                        unanswered.getMessage(), pause);
                Thread.sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LAST_PAUSE) > 0 ? LAST_PAUSE : pause.multipliedBy(2);
            }
        }
    }
}
