package io.kubezap.simulator.appstate;

import io.kubezap.simulator.media.MediaCipher;
import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.protobuf.ProtobufReader;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a companion pulling a collection gets, as WhatsApp's server sends it: from nothing (or far behind) the latest
 * snapshot, then the patches after it; a patch too large to travel inline as an external blob on the media host; and
 * the {@code REMOVE}s the phone makes when the owner deletes a label or a chat.
 */
class SnapshotsAndRemovalsTest {

    private static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");
    private static final String CHAT = "5511988887777@s.whatsapp.net";

    @Test
    void aCompanionStartingFromNothingGetsTheLatestSnapshotThenThePatchesAfterIt() {
        var collection = new AppStateCollection("regular_low", SyncKey.generate(AT));
        for (int chat = 0; chat < 7; chat++) {
            var archive = PhoneAction.archive("551190000000" + chat + "@s.whatsapp.net", true);
            collection.set(archive.index(), archive.value(AT));
        }

        var fromNothing = collection.pull(0, true);
        assertThat(fromNothing.snapshot()).hasValueSatisfying(snapshot -> {
            assertThat(snapshot.version()).isEqualTo(5);
            var read = ProtobufReader.read(snapshot.syncdSnapshot());
            assertThat(ProtobufReader.read(read.bytes(1).orElseThrow()).uint64(1)).contains(5L);
            assertThat(read.all(2)).as("one record per archived chat at version 5").hasSize(5);
            assertThat(read.bytes(3)).as("its MAC").hasValueSatisfying(mac -> assertThat(mac).hasSize(32));
        });
        assertThat(fromNothing.patches()).extracting(SnapshotsAndRemovalsTest::version).containsExactly(6L, 7L);
        assertThat(collection.pull(3, false).snapshot()).as("a companion with a copy gets patches").isEmpty();
        assertThat(collection.pull(3, false).patches()).extracting(SnapshotsAndRemovalsTest::version).containsExactly(4L, 5L, 6L, 7L);
        assertThat(collection.pull(0, false).patches()).as("none asked for").hasSize(7);
    }

    @Test
    void deletingALabelRemovesItFromEveryChatInOnePatchTooLargeToSendInline() throws Exception {
        var appState = new AccountAppState("Loja", AT);
        appState.act(PhoneAction.editLabel("7", "Clientes", 3, false), AT);
        for (int chat = 0; chat < 5; chat++) {
            appState.act(PhoneAction.labelChat("7", "551190000000" + chat + "@s.whatsapp.net", true), AT);
        }
        appState.act(PhoneAction.archive(CHAT, true), AT);

        var changes = appState.act(PhoneAction.editLabel("7", "Clientes", 3, true), AT);

        assertThat(changes).containsExactly(new AccountAppState.Change("regular", 7));
        assertThat(appState.entries()).extracting(entry -> entry.index().getFirst()).doesNotContain("label_jid").contains("archive");
        var regular = appState.collection("regular").orElseThrow();
        var patch = regular.pull(6, false).patches().getFirst();
        var mutations = ProtobufReader.read(patch).all(2);
        assertThat(mutations).extracting(mutation -> ProtobufReader.read(mutation).uint32(1).orElse(0))
                .as("the label's SET, then a REMOVE per chat").containsExactly(0, 1, 1, 1, 1, 1);

        var host = new MediaHost(Clock.systemUTC());
        var sent = new AppStateBlobs(host).asSent(patch);
        var read = ProtobufReader.read(sent);
        assertThat(read.all(2)).as("no inline mutations").isEmpty();
        var reference = ProtobufReader.read(read.bytes(3).orElseThrow());
        var blob = host.download(reference.string(2).orElseThrow());
        var plain = MediaCipher.decrypt(blob, AppStateBlobs.KEY_INFO, reference.bytes(1).orElseThrow(),
                reference.bytes(5).orElseThrow(), reference.bytes(6).orElseThrow());
        assertThat(ProtobufReader.read(plain).all(1)).as("the uploaded SyncdMutations").hasSize(6);
        assertThat(read.bytes(5)).as("the patch MAC still covers them").contains(ProtobufReader.read(patch).bytes(5).orElseThrow());
    }

    @Test
    void deletingAChatRemovesWhatTheAppStateHeldAboutItAndNothingElse() {
        var appState = new AccountAppState("Loja", AT);
        var other = "5511977776666@s.whatsapp.net";
        appState.saveContact(CHAT, "Maria", "Maria", AT);
        for (var action : List.of(PhoneAction.archive(CHAT, true), PhoneAction.pin(CHAT, true), PhoneAction.mute(CHAT, -1),
                PhoneAction.star(CHAT, "3EB0A", false, true), PhoneAction.editLabel("2", "Novo", 1, false),
                PhoneAction.labelChat("2", CHAT, true), PhoneAction.labelMessage("2", CHAT, "3EB0A", false, true),
                PhoneAction.archive(other, true), PhoneAction.labelChat("2", other, true))) {
            appState.act(action, AT);
        }

        appState.act(PhoneAction.deleteChat(CHAT), AT);

        assertThat(appState.entries()).extracting(entry -> entry.index().getFirst() + " " + entry.index().get(entry.index().size() > 2
                        && entry.index().getFirst().startsWith("label_") ? 2 : Math.min(1, entry.index().size() - 1)))
                .containsExactlyInAnyOrder("setting_pushName setting_pushName", "contact " + CHAT, "deleteChat " + CHAT,
                        "label_edit 2", "archive " + other, "label_jid " + other);
    }

    @Test
    void aRemoveOfWhatIsNotThereMakesNoPatch() {
        var appState = new AccountAppState("Loja", AT);
        var star = PhoneAction.star(CHAT, "3EB0B", true, true);
        appState.act(star, AT);

        assertThat(appState.act(PhoneAction.remove(star.parts()), AT)).containsExactly(new AccountAppState.Change("regular_high", 2));
        assertThat(appState.act(PhoneAction.remove(star.parts()), AT)).isEmpty();
        assertThat(appState.entries()).extracting(entry -> entry.index().getFirst()).containsExactly("setting_pushName");
    }

    @Test
    void aNewKeyIsUsedForTheNextPatchesAndSharedWithTheEarlierOnes() {
        var appState = new AccountAppState("Loja", AT);
        var before = keyId(appState.collection("critical_block").orElseThrow().patchesAfter(0).getFirst());

        var rotated = appState.rotateKey(AT);
        appState.saveContact(CHAT, "Maria", "Maria", AT);

        var patch = appState.collection("critical_unblock_low").orElseThrow().patchesAfter(0).getFirst();
        assertThat(java.util.HexFormat.of().formatHex(keyId(patch))).isEqualTo(rotated);
        assertThat(keyId(patch)).isNotEqualTo(before);
        var share = ProtobufReader.read(ProtobufReader.read(ProtobufReader.read(appState.keyShareMessage()).bytes(12).orElseThrow())
                .bytes(7).orElseThrow());
        assertThat(share.all(1)).as("both keys, for the records under the first").hasSize(2);
    }

    private static byte[] keyId(byte[] patch) {
        return ProtobufReader.read(ProtobufReader.read(patch).bytes(6).orElseThrow()).bytes(1).orElseThrow();
    }

    private static long version(byte[] patch) {
        return ProtobufReader.read(ProtobufReader.read(patch).bytes(1).orElseThrow()).uint64(1).orElseThrow();
    }
}
