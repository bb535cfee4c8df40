package it.auties.whatsapp.model.info;

import it.auties.protobuf.annotation.ProtobufMessage;
import it.auties.protobuf.annotation.ProtobufProperty;
import it.auties.protobuf.model.ProtobufType;
import it.auties.whatsapp.model.sync.DeviceListMetadata;

import java.util.Optional;

/**
 * WhatsApp's {@code MessageContextInfo}, replacing Cobalt 0.0.10's. Cobalt declares {@code paddingBytes} (4) before
 * {@code messageSecret} (3) but takes them the other way round in its constructor, and its generated decoder and
 * builder pass them by declaration order: a received message's secret lands in {@code paddingBytes}, and a secret given
 * to the builder goes out as padding. Here the fields are declared in the constructor's order. Also kept:
 * {@code messageAssociation} (10), which ties an album's photos and an HD original to their first message, as the
 * bytes WhatsApp wrote.
 */
@ProtobufMessage(name = "MessageContextInfo")
public final class DeviceContextInfo implements Info {
    @ProtobufProperty(index = 1, type = ProtobufType.MESSAGE)
    final DeviceListMetadata deviceListMetadata;

    @ProtobufProperty(index = 2, type = ProtobufType.INT32)
    final int deviceListMetadataVersion;

    @ProtobufProperty(index = 3, type = ProtobufType.BYTES)
    byte[] messageSecret;

    @ProtobufProperty(index = 4, type = ProtobufType.BYTES)
    byte[] paddingBytes;

    @ProtobufProperty(index = 10, type = ProtobufType.BYTES)
    final byte[] messageAssociation;

    DeviceContextInfo(DeviceListMetadata deviceListMetadata, int deviceListMetadataVersion, byte[] messageSecret,
                      byte[] paddingBytes, byte[] messageAssociation) {
        this.deviceListMetadata = deviceListMetadata;
        this.deviceListMetadataVersion = deviceListMetadataVersion;
        this.messageSecret = messageSecret;
        this.paddingBytes = paddingBytes;
        this.messageAssociation = messageAssociation;
    }

    public Optional<DeviceListMetadata> deviceListMetadata() {
        return Optional.ofNullable(deviceListMetadata);
    }

    public int deviceListMetadataVersion() {
        return deviceListMetadataVersion;
    }

    public Optional<byte[]> messageSecret() {
        return Optional.ofNullable(messageSecret);
    }

    public void setMessageSecret(byte[] messageSecret) {
        this.messageSecret = messageSecret;
    }

    public Optional<byte[]> paddingBytes() {
        return Optional.ofNullable(paddingBytes);
    }

    public void setPaddingBytes(byte[] paddingBytes) {
        this.paddingBytes = paddingBytes;
    }

    /** {@code messageAssociation} (10) as WhatsApp wrote it: the association type and the parent message's key. */
    public Optional<byte[]> messageAssociation() {
        return Optional.ofNullable(messageAssociation);
    }
}
