package io.kubezap.simulator.appstate;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A companion's patch is applied only when it checks, as WhatsApp's server checks it: it follows the collection's
 * version, it is under the account's key, and its value, index, snapshot and patch MACs are right.
 */
class PatchChecksTest {

    private static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");
    private final SyncKey key = SyncKey.generate(AT);

    @Test
    void aSoundPatchIsAppliedAsTheNextVersion() {
        var companionsCopy = new AppStateCollection("regular_low", key);
        var server = new AppStateCollection("regular_low", key);
        var action = PhoneAction.archive("5511988887777@s.whatsapp.net", true);
        companionsCopy.set(action.index(), action.value(AT));

        assertThat(server.apply(companionsCopy.patchesAfter(0).getFirst(), 0)).isEqualTo(1);
        assertThat(server.values()).containsOnlyKeys(action.index());
        assertThat(SyncProtobufs.describe(server.values().get(action.index()))).containsEntry("archived", true);
    }

    @Test
    void aPatchBehindTheCollectionIsAConflict() {
        var companionsCopy = new AppStateCollection("regular_low", key);
        var server = new AppStateCollection("regular_low", key);
        var action = PhoneAction.pin("5511988887777@s.whatsapp.net", true);
        companionsCopy.set(action.index(), action.value(AT));
        server.set(PhoneAction.archive("5511900000000@s.whatsapp.net", true).index(), action.value(AT));

        assertThatThrownBy(() -> server.apply(companionsCopy.patchesAfter(0).getFirst(), 0))
                .isInstanceOfSatisfying(PatchRejectedException.class, rejected -> assertThat(rejected.code()).isEqualTo(409));
        assertThat(server.version()).isEqualTo(1);
    }

    @Test
    void aTamperedPatchOrOneUnderAnotherKeyIsRefusedAndChangesNothing() {
        var companionsCopy = new AppStateCollection("regular_high", key);
        var server = new AppStateCollection("regular_high", key);
        var action = PhoneAction.mute("5511988887777@s.whatsapp.net", -1);
        companionsCopy.set(action.index(), action.value(AT));
        var patch = companionsCopy.patchesAfter(0).getFirst();

        var tampered = patch.clone();
        tampered[tampered.length / 2] ^= 1;
        assertThatThrownBy(() -> server.apply(tampered, 0))
                .isInstanceOfSatisfying(PatchRejectedException.class, rejected -> assertThat(rejected.code()).isEqualTo(400));
        var stranger = new AppStateCollection("regular_high", SyncKey.generate(AT));
        assertThatThrownBy(() -> stranger.apply(patch, 0)).isInstanceOf(PatchRejectedException.class);
        var otherCollection = new AppStateCollection("regular_low", key);
        assertThatThrownBy(() -> otherCollection.apply(patch, 0)).as("the MACs name the collection")
                .isInstanceOf(PatchRejectedException.class);

        assertThat(server.version()).isZero();
        assertThat(server.values()).isEmpty();
        assertThat(server.apply(patch, 0)).as("the sound patch still applies after the refusals").isEqualTo(1);
        assertThat(new String(server.values().keySet().iterator().next().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .contains("mute");
    }
}
