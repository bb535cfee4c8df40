package io.kubezap.session.host.scope.deployment;

import io.kubezap.session.host.scope.PerSession;
import io.kubezap.session.host.scope.PerSessionContext;
import io.quarkus.arc.deployment.ContextRegistrationPhaseBuildItem;
import io.quarkus.arc.deployment.ContextRegistrationPhaseBuildItem.ContextConfiguratorBuildItem;
import io.quarkus.arc.deployment.CustomScopeBuildItem;
import io.quarkus.deployment.annotations.BuildStep;

/** Registers {@link PerSession} as a normal scope whose instances {@link PerSessionContext} keeps. */
public class PerSessionProcessor {

    @BuildStep
    ContextConfiguratorBuildItem context(ContextRegistrationPhaseBuildItem registration) {
        return new ContextConfiguratorBuildItem(registration.getContext().configure(PerSession.class).normal()
                .contextClass(PerSessionContext.class));
    }

    @BuildStep
    CustomScopeBuildItem scope() {
        return new CustomScopeBuildItem(PerSession.class);
    }
}
