package io.kubezap.session.runtime;

import io.kubezap.session.state.SessionStateMachine;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.db.WritesAwaitingDatabase;
import io.kubezap.session.host.scope.PerSession;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * The listener handed to the engine: lifecycle events go to the state machine, messages and receipts to storage. When
 * it returns, what WhatsApp delivered is recorded in the database or kept on the session's volume.
 */
@PerSession
public class EngineEventRouter implements Consumer<EngineEvent> {

    private static final Logger LOG = Logger.getLogger(EngineEventRouter.class);

    private final SessionStateMachine state;
    private final DeliveredWrites delivered;
    private final WritesAwaitingDatabase awaitingDatabase;
    private final WhatsAppEngine engine;
    private final SettledHeapCollection settledCollection;
    private final StalledReconnectWatchdog stalledReconnect;

    public EngineEventRouter(WhatsAppEngine engine, SessionStateMachine state, DeliveredWrites delivered,
                             WritesAwaitingDatabase awaitingDatabase, SettledHeapCollection settledCollection,
                             StalledReconnectWatchdog stalledReconnect) {
        this.settledCollection = settledCollection;
        this.stalledReconnect = stalledReconnect;
        this.state = state;
        this.delivered = delivered;
        this.awaitingDatabase = awaitingDatabase;
        this.engine = engine;
    }

    @Override
    public void accept(EngineEvent event) {
        settledCollection.activity();
        stalledReconnect.activity(event);
        try {
            if (event instanceof EngineEvent.Delivered what) {
                awaitingDatabase.writeOrKeep(delivered, what);
            } else {
                state.apply(event);
                if (event instanceof EngineEvent.Connected) {
                    // logging in reads the rest of the store (chats, contacts): what that repaired
                    state.storeRepaired(engine.takeStoreRepairs());
                }
            }
        } catch (RuntimeException e) {
            // never throw into the engine's threads
            LOG.errorf(e, "Could not handle engine event %s", event.getClass().getSimpleName());
        }
    }
}
