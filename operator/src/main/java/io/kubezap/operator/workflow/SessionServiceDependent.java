package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.ListPages;
import io.kubezap.operator.model.SessionObjects;

/**
 * ClusterIP Service {@code <name>} on 8080, the address of a session whose StatefulSet an earlier release created
 * (governed by this Service; serviceName cannot change): kept while that StatefulSet is ({@link OwnServiceKept}), and
 * deleted once the session's pod answers under the namespace's headless Service ({@code NamespaceObjects}). New
 * sessions never get one.
 */
@KubernetesDependent(informer = @Informer(labelSelector = SessionObjects.MANAGED_SELECTOR, informerListLimit = ListPages.SIZE))
public class SessionServiceDependent extends OwnedDependent<Service>
        implements Creator<Service, WhatsAppSession>, Updater<Service, WhatsAppSession>, GarbageCollected<WhatsAppSession> {

    public SessionServiceDependent() {
        super(Service.class);
    }

    /** By name: JOSDK's default builds the desired Service just to learn its name, at every look-up. */
    @Override
    protected ResourceID targetSecondaryResourceID(WhatsAppSession session, Context<WhatsAppSession> context) {
        return new ResourceID(SessionObjects.ownServiceName(session), session.getMetadata().getNamespace());
    }

    @Override
    protected Service desired(WhatsAppSession session, Context<WhatsAppSession> context) {
        return new ServiceBuilder()
                .withMetadata(SessionObjects.ownedMetadata(session, SessionObjects.ownServiceName(session)))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(SessionObjects.selector(session))
                .addNewPort()
                .withName("http")
                .withPort(SessionObjects.HTTP_PORT)
                .withNewTargetPort("http")
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }
}
