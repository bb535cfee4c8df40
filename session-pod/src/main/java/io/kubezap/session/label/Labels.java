package io.kubezap.session.label;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.LabelChange;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.PendingEvent;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * WhatsApp Business labels: created or changed from the API (an app-state patch, then stored), or as WhatsApp reports
 * them; each change that alters what is stored is announced ({@code label.updated}, {@code label.deleted}).
 */
@Singleton
public class Labels {

    private final SessionDb db;
    private final LabelRepository labels;
    private final EventRepository events;
    private final WhatsAppEngine engine;

    public Labels(SessionDb db, LabelRepository labels, EventRepository events, WhatsAppEngine engine) {
        this.db = db;
        this.labels = labels;
        this.events = events;
        this.engine = engine;
    }

    /** What WhatsApp says of a label at {@code at}. */
    public void apply(LabelChange change, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.MICROS);
        db.useTransaction(handle -> {
            if (change.deleted()) {
                labels.delete(handle, change.id()).ifPresent(gone -> events.append(handle,
                        new PendingEvent(EventCatalogue.LABEL_DELETED, new Event(gone.id(), gone.name(), gone.color(), when)),
                        Timestamps.now()));
            } else if (labels.save(handle, change.id(), change.name(), change.color(), when)) {
                events.append(handle, new PendingEvent(EventCatalogue.LABEL_UPDATED,
                        new Event(change.id(), change.name(), change.color(), when)), Timestamps.now());
            }
        });
    }

    /** Creates ({@code id} null) or changes a label on WhatsApp, then stores it; the label as it is now. */
    public Optional<Label> edit(String id, String name, int color, boolean deleted) {
        LabelChange change = new LabelChange(id == null ? labels.nextId() : id, name, color, deleted);
        EngineCalls.await(engine.editLabel(change));
        apply(change, Timestamps.now());
        return db.read(handle -> labels.find(handle, change.id()));
    }

    /** The data of {@code label.updated} and {@code label.deleted}. */
    public record Event(String id, String name, int color, Instant at) {
    }
}
