package io.kubezap.session.api;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.session.problem.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BodyConstraintsTest {

    record Line(@Size(min = 1, max = 3) String sku, @NotNull Integer quantity) {
    }

    record Address(@NotBlank String street) {
    }

    record Order(@NotBlank String customer, @Size(max = 2) @Valid List<Line> lines, @Valid Address address, Address unchecked) {
    }

    record WithPattern(@Pattern(regexp = "[a-z]+") String code) {
    }

    @Test
    void aBodyWithinItsConstraintsIsReturnedAsIs() {
        Order order = new Order("ana", List.of(new Line("abc", 1)), new Address("Rua A"), null);
        assertThat(BodyConstraints.check(order)).isSameAs(order);
    }

    @Test
    void everyBreachIsNamedByItsPathIncludingNestedRecordsAndListElements() {
        Order order = new Order(" ", List.of(new Line("abc", 1), new Line("", null)), new Address(null), new Address(null));
        assertThat(errors(order)).containsExactly(
                new FieldError("customer", "must not be blank"),
                new FieldError("lines[1].sku", "must be at least 1 characters"),
                new FieldError("lines[1].quantity", "must not be null"),
                new FieldError("address.street", "must not be blank"));
    }

    @Test
    void sizesCountCharactersOfTextsAndItemsOfLists() {
        Line line = new Line("abc", 1);
        assertThat(errors(new Line("abcd", 1))).containsExactly(new FieldError("sku", "must be at most 3 characters"));
        assertThat(errors(new Order("ana", List.of(line, line, line), null, null)))
                .containsExactly(new FieldError("lines", "must be at most 2 items"));
    }

    @Test
    void aMissingBodyIsRefused() {
        assertThat(errors(null)).containsExactly(new FieldError("body", "is required: a JSON object"));
    }

    @Test
    void aConstraintItDoesNotCheckFailsLoudlyRatherThanPassingSilently() {
        assertThatThrownBy(() -> BodyConstraints.check(new WithPattern("abc")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("@Pattern on code");
    }

    private static List<FieldError> errors(Record body) {
        return catchThrowableOfType(ApiException.class, () -> BodyConstraints.check(body)).problem().errors();
    }
}
