package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import it.auties.whatsapp.model.message.model.ContextualMessage;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.payment.PaymentOrderMessage;
import it.auties.whatsapp.model.message.standard.ContactMessage;
import it.auties.whatsapp.model.message.standard.ContactsMessage;
import it.auties.whatsapp.model.message.standard.ContactsMessageBuilder;
import it.auties.whatsapp.model.message.standard.GroupInviteMessage;
import it.auties.whatsapp.model.message.standard.GroupInviteMessageBuilder;
import it.auties.whatsapp.model.message.standard.LocationMessage;
import it.auties.whatsapp.model.message.standard.LocationMessageBuilder;
import it.auties.whatsapp.model.message.standard.PollCreationMessage;
import it.auties.whatsapp.model.message.standard.PollCreationMessageBuilder;
import it.auties.whatsapp.model.message.standard.ProductMessage;
import it.auties.whatsapp.model.poll.PollOption;
import it.auties.whatsapp.model.poll.PollOptionBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The structured kinds ({@link MessageContent.Structured}) both ways between the port and Cobalt's messages: the one
 * place of this adapter a new structured kind touches.
 */
final class StructuredMessages {

    private StructuredMessages() {
    }

    static ContextualMessage<?> toCobalt(MessageContent.Structured content) {
        return switch (content) {
            case MessageContent.Location location -> new LocationMessageBuilder().latitude(location.latitude())
                    .longitude(location.longitude()).name(location.name()).address(location.address()).build();
            case MessageContent.Contacts contacts when contacts.contacts().size() == 1 ->
                    ContactCards.message(contacts.contacts().getFirst());
            case MessageContent.Contacts contacts -> new ContactsMessageBuilder()
                    .name(contacts.contacts().size() + " contacts")
                    .contacts(contacts.contacts().stream().map(ContactCards::message).toList()).build();
            // the full builder: the simple one allows every option to be picked, whatever the poll asks for
            case MessageContent.Poll poll -> new PollCreationMessageBuilder().title(poll.name())
                    .selectableOptions(poll.options().stream().map(option -> new PollOptionBuilder().name(option).build()).toList())
                    .selectableOptionsCount(poll.selectableCount()).build();
            case MessageContent.GroupInvite invite -> new GroupInviteMessageBuilder()
                    .group(OutgoingMessageBuilder.jid(invite.groupJid())).code(invite.inviteCode())
                    .expirationSeconds(invite.expiresAt() == null ? 0 : invite.expiresAt().getEpochSecond())
                    .groupName(invite.groupName()).caption(invite.caption()).build();
            case MessageContent.Album ignored -> throw new IllegalStateException(
                    "An album is a message Cobalt does not model: OutgoingMessageBuilder builds it (Albums)");
            case MessageContent.Event ignored -> throw new IllegalStateException(
                    "An event is a message Cobalt does not model: OutgoingMessageBuilder builds it (CalendarEvents)");
            case MessageContent.Product product -> ProductCards.message(product);
            case MessageContent.Buttons buttons -> InteractiveMessages.message(buttons);
            case MessageContent.ListMessage list -> InteractiveMessages.message(list);
            case MessageContent.Carousel ignored -> throw new IllegalStateException(
                    "A carousel's cards need their pictures uploaded first: MessageSender builds it (Carousels)");
            case MessageContent.Choice ignored -> throw new IllegalArgumentException(
                    "A choice is the reader's answer to buttons or a list: SendIntake refuses to forward it");
            case MessageContent.Order ignored -> throw new IllegalArgumentException(
                    "An order is the customer's own: SendIntake refuses to forward it");
        };
    }

    /** Cobalt's message as a structured kind, or empty when it is none of them. */
    static Optional<MessageContent.Structured> fromCobalt(Message message) {
        return Optional.ofNullable(switch (message) {
            case LocationMessage location -> new MessageContent.Location(location.latitude(), location.longitude(),
                    location.name().orElse(null), location.address().orElse(null));
            case ContactMessage contact -> new MessageContent.Contacts(List.of(ContactCards.card(contact)));
            case ContactsMessage contacts -> new MessageContent.Contacts(contacts.contacts().stream().map(ContactCards::card).toList());
            case PollCreationMessage poll -> new MessageContent.Poll(poll.title(),
                    poll.selectableOptions().stream().map(PollOption::name).toList(), poll.selectableOptionsCount());
            case GroupInviteMessage invite -> new MessageContent.GroupInvite(invite.group() == null ? null : invite.group().toString(),
                    invite.code(), invite.expirationSeconds() == 0 ? null : Instant.ofEpochSecond(invite.expirationSeconds()),
                    invite.groupName(), invite.caption().orElse(null));
            case ProductMessage card -> ProductCards.read(card);
            case PaymentOrderMessage order -> CatalogOrders.read(order);
            default -> InteractiveMessages.choice(message).<MessageContent.Structured>map(MessageContent.Structured.class::cast)
                    .or(() -> ReceivedInteractive.read(message)).orElse(null);
        });
    }
}
