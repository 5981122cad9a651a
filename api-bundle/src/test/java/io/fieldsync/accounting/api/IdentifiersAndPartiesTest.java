package io.fieldsync.accounting.api;

import static io.fieldsync.accounting.api.TestData.COMPANY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CompanyId, DocumentRef, the shared host id rule, Customer and Address. */
class IdentifiersAndPartiesTest {

    // --- CompanyId ---

    @Test
    void companyIdKeepsItsValueAndPrintsAsIt() {
        CompanyId id = CompanyId.of("acme");

        assertThat(id.value()).isEqualTo("acme");
        assertThat(id).hasToString("acme").isEqualTo(new CompanyId("acme"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankCompanyIdIsRefused(String value) {
        assertThatThrownBy(() -> CompanyId.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("company id must be 1-64 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {" acme", "acme ", " acme "})
    void companyIdWithSurroundingBlanksIsRefused(String value) {
        assertThatThrownBy(() -> CompanyId.of(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void companyIdOfSixtyFourCharactersIsAcceptedAndSixtyFiveIsRefused() {
        assertThat(CompanyId.of("c".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> CompanyId.of("c".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-64");
    }

    @Test
    void nullCompanyIdIsRefused() {
        assertThatThrownBy(() -> CompanyId.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("company id");
    }

    // --- DocumentRef and host ids ---

    @Test
    void documentRefFactoriesSetTheKind() {
        assertThat(DocumentRef.invoice(COMPANY, "i1").kind()).isEqualTo(DocumentKind.INVOICE);
        assertThat(DocumentRef.creditNote(COMPANY, "c1").kind()).isEqualTo(DocumentKind.CREDIT_NOTE);
        assertThat(DocumentRef.payment(COMPANY, "p1").kind()).isEqualTo(DocumentKind.PAYMENT);
    }

    @Test
    void documentRefPrintsCompanyKindAndHostId() {
        assertThat(DocumentRef.invoice(COMPANY, "inv-7")).hasToString("acme-plumbing/INVOICE/inv-7");
    }

    @Test
    void documentRefsOfTheSameDocumentAreEqual() {
        assertThat(DocumentRef.invoice(COMPANY, "inv-7"))
                .isEqualTo(new DocumentRef(CompanyId.of("acme-plumbing"), DocumentKind.INVOICE, "inv-7"))
                .isNotEqualTo(DocumentRef.payment(COMPANY, "inv-7"))
                .isNotEqualTo(DocumentRef.invoice(CompanyId.of("other"), "inv-7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankDocumentHostIdIsRefused(String hostId) {
        assertThatThrownBy(() -> DocumentRef.invoice(COMPANY, hostId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host id must be 1-128 characters");
    }

    @Test
    void hostIdOf128CharactersIsAcceptedAnd129IsRefused() {
        assertThat(DocumentRef.invoice(COMPANY, "h".repeat(128)).hostId()).hasSize(128);
        assertThatThrownBy(() -> DocumentRef.invoice(COMPANY, "h".repeat(129)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-128");
    }

    @Test
    void documentRefWithoutCompanyOrKindOrHostIdIsRefused() {
        assertThatThrownBy(() -> DocumentRef.invoice(null, "i1")).isInstanceOf(NullPointerException.class)
                .hasMessage("company");
        assertThatThrownBy(() -> new DocumentRef(COMPANY, null, "i1")).isInstanceOf(NullPointerException.class)
                .hasMessage("kind");
        assertThatThrownBy(() -> DocumentRef.invoice(COMPANY, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("host id");
    }

    @Test
    void everyDocumentAppliesTheSameHostIdRule() {
        String tooLong = "x".repeat(129);

        assertThatThrownBy(() -> new Customer(tooLong, "n", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customer host id");
        assertThatThrownBy(() -> new CreditNote(tooLong, "inv-1", null, TestData.ISSUED, AmountType.NO_TAX,
                List.of(TestData.line("1", "1")), false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credit note host id");
        assertThatThrownBy(() -> new Payment(tooLong, "inv-1", TestData.dec("1"), TestData.ISSUED,
                PaymentMethod.CASH, null, TestData.NZD, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payment host id");
    }

    // --- Customer ---

    @Test
    void customerNameAndContactDetailsAreTrimmed() {
        Customer customer = new Customer("c1", "  Jane Doe  ", " jane@example.com ", " 021 555 ", null);

        assertThat(customer.name()).isEqualTo("Jane Doe");
        assertThat(customer.email()).isEqualTo("jane@example.com");
        assertThat(customer.phone()).isEqualTo("021 555");
    }

    @Test
    void blankEmailAndPhoneBecomeNull() {
        Customer customer = new Customer("c1", "Jane", "   ", "", null);

        assertThat(customer.email()).isNull();
        assertThat(customer.phone()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankCustomerNameIsAcceptedAsAPerDocumentProblemNotAnException(String name) {
        Customer customer = new Customer("c1", name, null, null, null);

        assertThat(customer.name()).isEmpty();
    }

    @Test
    void missingCustomerNameBecomesEmpty() {
        assertThat(new Customer("c1", null, null, null, null).name()).isEmpty();
    }

    @Test
    void malformedEmailIsAcceptedAsAPerDocumentProblem() {
        assertThat(new Customer("c1", "Jane", "not-an-email", null, null).email()).isEqualTo("not-an-email");
    }

    @Test
    void blankCustomerHostIdIsRefused() {
        assertThatThrownBy(() -> new Customer(" ", "Jane", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customer host id");
    }

    // --- Address ---

    @Test
    void addressDropsBlankLinesAndTrimsParts() {
        Address address = new Address(Arrays.asList(" 1 Queen St ", "", null, "Level 2"), " Auckland ", " ", "1010", "NZ");

        assertThat(address.lines()).containsExactly("1 Queen St", "Level 2");
        assertThat(address.city()).isEqualTo("Auckland");
        assertThat(address.region()).isNull();
        assertThat(address.postalCode()).isEqualTo("1010");
        assertThat(address.isEmpty()).isFalse();
    }

    @Test
    void addressWithMoreThanFourLinesIsRefused() {
        assertThatThrownBy(() -> new Address(List.of("a", "b", "c", "d", "e"), null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 4 lines, got 5");
    }

    @Test
    void blankLinesDoNotCountTowardsTheFourLineLimit() {
        Address address = new Address(List.of("a", "b", " ", "c", "d", ""), null, null, null, null);

        assertThat(address.lines()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void addressOfBlanksIsEmpty() {
        assertThat(new Address(null, " ", "", null, "  ").isEmpty()).isTrue();
    }

    @Test
    void addressLinesAreCopiedImmutably() {
        List<String> lines = new ArrayList<>(List.of("1 Queen St"));
        Address address = new Address(lines, null, null, null, null);

        lines.add("Level 2");

        assertThat(address.lines()).containsExactly("1 Queen St");
        assertThatThrownBy(() -> address.lines().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
