package it.auties.whatsapp.model.product;

import it.auties.protobuf.annotation.ProtobufMessage;
import it.auties.protobuf.annotation.ProtobufProperty;
import it.auties.protobuf.model.ProtobufType;
import it.auties.whatsapp.model.message.standard.ImageMessage;

import java.util.Objects;
import java.util.Optional;

/**
 * Replaces Cobalt 0.0.10's product of a product card (WhatsApp's {@code ProductMessage.ProductSnapshot}; same package,
 * name and public signatures; its generated spec and builder come from this one). Cobalt's refuses to be built or
 * decoded without {@code productImage}, an image uploaded for the card, and without every text field, which WhatsApp
 * leaves optional: a card naming a catalog's product (whose pictures the catalog holds) could not be built, and a
 * received one without a picture failed to decode whole. Here only the product's id is required; the rest is left off
 * the wire when missing.
 */
@ProtobufMessage(name = "Message.ListMessage.Product")
public final class Product {

    @ProtobufProperty(index = 1, type = ProtobufType.MESSAGE)
    ImageMessage image;

    @ProtobufProperty(index = 2, type = ProtobufType.STRING)
    String id;

    @ProtobufProperty(index = 3, type = ProtobufType.STRING)
    String title;

    @ProtobufProperty(index = 4, type = ProtobufType.STRING)
    String description;

    @ProtobufProperty(index = 5, type = ProtobufType.STRING)
    String currencyCode;

    @ProtobufProperty(index = 6, type = ProtobufType.INT64)
    long priceAmount1000;

    @ProtobufProperty(index = 7, type = ProtobufType.STRING)
    String retailerId;

    @ProtobufProperty(index = 8, type = ProtobufType.STRING)
    String url;

    @ProtobufProperty(index = 9, type = ProtobufType.UINT32)
    int productImageCount;

    @ProtobufProperty(index = 11, type = ProtobufType.STRING)
    String firstImageId;

    @ProtobufProperty(index = 12, type = ProtobufType.INT64)
    long salePriceAmount1000;

    Product(ImageMessage image, String id, String title, String description, String currencyCode, long priceAmount1000,
            String retailerId, String url, int productImageCount, String firstImageId, long salePriceAmount1000) {
        this.image = image;
        this.id = Objects.requireNonNull(id, "id cannot be null");
        this.title = title;
        this.description = description;
        this.currencyCode = currencyCode;
        this.priceAmount1000 = priceAmount1000;
        this.retailerId = retailerId;
        this.url = url;
        this.productImageCount = productImageCount;
        this.firstImageId = firstImageId;
        this.salePriceAmount1000 = salePriceAmount1000;
    }

    /** The picture uploaded for the card, if any (a catalog's product card has none: the catalog holds its pictures). */
    public Optional<ImageMessage> image() {
        return Optional.ofNullable(image);
    }

    public String id() {
        return id;
    }

    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public Optional<String> currencyCode() {
        return Optional.ofNullable(currencyCode);
    }

    /** The price in thousandths of the currency's unit; 0 when none is given. */
    public long priceAmount1000() {
        return priceAmount1000;
    }

    public Optional<String> retailerId() {
        return Optional.ofNullable(retailerId);
    }

    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    public int productImageCount() {
        return productImageCount;
    }

    public Optional<String> firstImageId() {
        return Optional.ofNullable(firstImageId);
    }

    public long salePriceAmount1000() {
        return salePriceAmount1000;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Product that
                && Objects.equals(image, that.image)
                && Objects.equals(id, that.id)
                && Objects.equals(title, that.title)
                && Objects.equals(description, that.description)
                && Objects.equals(currencyCode, that.currencyCode)
                && priceAmount1000 == that.priceAmount1000
                && Objects.equals(retailerId, that.retailerId)
                && Objects.equals(url, that.url)
                && productImageCount == that.productImageCount
                && Objects.equals(firstImageId, that.firstImageId)
                && salePriceAmount1000 == that.salePriceAmount1000;
    }

    @Override
    public int hashCode() {
        return Objects.hash(image, id, title, description, currencyCode, priceAmount1000, retailerId, url, productImageCount,
                firstImageId, salePriceAmount1000);
    }

    @Override
    public String toString() {
        return "Product[image=" + image + ", id=" + id + ", title=" + title + ", description=" + description + ", currencyCode="
                + currencyCode + ", priceAmount1000=" + priceAmount1000 + ", retailerId=" + retailerId + ", url=" + url
                + ", productImageCount=" + productImageCount + ", firstImageId=" + firstImageId + ", salePriceAmount1000="
                + salePriceAmount1000 + ']';
    }
}
