package io.fieldsync.accounting.api;

import static io.fieldsync.accounting.api.TestData.DUE;
import static io.fieldsync.accounting.api.TestData.ISSUED;
import static io.fieldsync.accounting.api.TestData.NZD;
import static io.fieldsync.accounting.api.TestData.customer;
import static io.fieldsync.accounting.api.TestData.dec;
import static io.fieldsync.accounting.api.TestData.invoice;
import static io.fieldsync.accounting.api.TestData.line;
import static io.fieldsync.accounting.api.TestData.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invoice, CreditNote and Payment: the documents the host hands over. */
class DocumentsTest {

    @Nested
    class Invoices {

        @Test
        void dueDateBeforeIssueDateIsRefused() {
            assertThatThrownBy(() -> new Invoice("inv-1", "INV-1", customer(), ISSUED, ISSUED.minusDays(1), NZD, null,
                    AmountType.TAX_EXCLUSIVE, List.of(line("1", "10")), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("due date 2025-02-28 is before issue date 2025-03-01");
        }

        @Test
        void dueOnTheIssueDateIsAccepted() {
            Invoice invoice = new Invoice("inv-1", "INV-1", customer(), ISSUED, ISSUED, NZD, null,
                    AmountType.TAX_EXCLUSIVE, List.of(line("1", "10")), null);

            assertThat(invoice.dueDate()).isEqualTo(invoice.issueDate());
        }

        @Test
        void invoiceWithoutLinesIsRefused() {
            assertThatThrownBy(() -> invoice(List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invoice inv-1 has no lines");
        }

        @Test
        void invoiceWithNullLinesIsRefused() {
            assertThatThrownBy(() -> invoice(null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("lines");
        }

        @Test
        void linesTotalIsTheSumOfTheRoundedLineAmounts() {
            // 2 x 45.00 = 90.00, 1 x 12.50 = 12.50
            assertThat(invoice().linesTotal().toPlainString()).isEqualTo("102.50");
        }

        @Test
        void linesTotalAddsEachLineAfterItIsRounded() {
            // each line is 1 x 0.125 = 0.125 -> 0.13; the sum of rounded lines is 0.26, not round(0.25)
            Invoice invoice = invoice(List.of(line("1", "0.125"), line("1", "0.125")));

            assertThat(invoice.linesTotal().toPlainString()).isEqualTo("0.26");
        }

        @Test
        void linesTotalIncludesDiscountedLines() {
            InvoiceLine discounted = new InvoiceLine("Part", dec("4"), dec("25"), dec("10"), ProductCategory.MATERIALS,
                    List.of(), null);

            assertThat(invoice(List.of(discounted, line("1", "10"))).linesTotal().toPlainString()).isEqualTo("100.00");
        }

        @Test
        void linesAreCopiedImmutably() {
            List<InvoiceLine> lines = new ArrayList<>(List.of(line("1", "10")));
            Invoice invoice = invoice(lines);

            lines.add(line("1", "99"));

            assertThat(invoice.lines()).hasSize(1);
            assertThatThrownBy(() -> invoice.lines().clear()).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void blankNumberAndReferenceBecomeNull() {
            Invoice invoice = new Invoice("inv-1", "  ", customer(), ISSUED, DUE, NZD, null,
                    AmountType.TAX_EXCLUSIVE, List.of(line("1", "10")), "");

            assertThat(invoice.number()).isNull();
            assertThat(invoice.reference()).isNull();
        }

        @Test
        void exchangeRateIsValidatedAndNormalised() {
            Invoice invoice = new Invoice("inv-1", null, customer(), ISSUED, DUE, NZD, dec("1.25"),
                    AmountType.TAX_EXCLUSIVE, List.of(line("1", "10")), null);

            assertThat(invoice.exchangeRate().toPlainString()).isEqualTo("1.250000");
            assertThatThrownBy(() -> new Invoice("inv-1", null, customer(), ISSUED, DUE, NZD, dec("0"),
                    AmountType.TAX_EXCLUSIVE, List.of(line("1", "10")), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exchange rate");
        }

        @Test
        void blankInvoiceHostIdIsRefused() {
            assertThatThrownBy(() -> new Invoice(" ", null, customer(), ISSUED, DUE, NZD, null,
                    AmountType.TAX_EXCLUSIVE, List.of(line("1", "10")), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invoice host id");
        }
    }

    @Nested
    class CreditNotes {

        @Test
        void cancellingCopiesTheInvoiceLinesAndMarksAFullCancellation() {
            Invoice invoice = invoice();
            LocalDate date = ISSUED.plusDays(3);

            CreditNote credit = CreditNote.cancelling(invoice, "cn-1", date, "Customer cancelled the job");

            assertThat(credit.fullCancellation()).isTrue();
            assertThat(credit.lines()).isEqualTo(invoice.lines());
            assertThat(credit.invoiceHostId()).isEqualTo("inv-1");
            assertThat(credit.hostId()).isEqualTo("cn-1");
            assertThat(credit.amountType()).isEqualTo(invoice.amountType());
            assertThat(credit.date()).isEqualTo(date);
            assertThat(credit.number()).isNull();
            assertThat(credit.reason()).isEqualTo("Customer cancelled the job");
        }

        @Test
        void cancellationWithBlankReasonHasNoReason() {
            assertThat(CreditNote.cancelling(invoice(), "cn-1", ISSUED, "  ").reason()).isNull();
        }

        @Test
        void partialCreditIsNotAFullCancellation() {
            CreditNote credit = new CreditNote("cn-2", "inv-1", "CN-2", ISSUED, AmountType.TAX_EXCLUSIVE,
                    List.of(line("1", "12.50")), false, "Returned part");

            assertThat(credit.fullCancellation()).isFalse();
            assertThat(credit.lines()).hasSize(1);
        }

        @Test
        void creditNoteWithoutLinesIsRefused() {
            assertThatThrownBy(() -> new CreditNote("cn-1", "inv-1", null, ISSUED, AmountType.TAX_EXCLUSIVE,
                    List.of(), false, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("credit note cn-1 has no lines");
        }

        @Test
        void creditNoteWithoutCreditedInvoiceIsRefused() {
            assertThatThrownBy(() -> new CreditNote("cn-1", "", null, ISSUED, AmountType.TAX_EXCLUSIVE,
                    List.of(line("1", "10")), false, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("credited invoice host id");
        }
    }

    @Nested
    class Payments {

        @Test
        void paymentAmountIsNormalisedToTwoDecimalPlaces() {
            assertThat(payment("50").amount().toPlainString()).isEqualTo("50.00");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.00", "-0.01", "-100"})
        void paymentAmountMustBePositive(String amount) {
            assertThatThrownBy(() -> payment(amount))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("payment amount must be positive");
        }

        @Test
        void paymentAmountWithThreeDecimalsIsRefusedNotRounded() {
            assertThatThrownBy(() -> payment("10.005"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("payment amount")
                    .hasMessageContaining("decimal places");
        }

        @Test
        void paymentExchangeRateMustBePositive() {
            assertThatThrownBy(() -> new Payment("pay-1", "inv-1", dec("10"), ISSUED, PaymentMethod.CASH, null, NZD,
                    dec("-1.5")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exchange rate must be positive");
        }

        @Test
        void paymentWithoutPaidInvoiceIsRefused() {
            assertThatThrownBy(() -> new Payment("pay-1", null, dec("10"), ISSUED, PaymentMethod.CASH, null, NZD, null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("paid invoice host id");
        }

        @Test
        void blankPaymentReferenceBecomesNull() {
            Payment payment = new Payment("pay-1", "inv-1", dec("10"), ISSUED, PaymentMethod.CASH, "   ", NZD, null);

            assertThat(payment.reference()).isNull();
        }
    }

    @Nested
    class RemotePaymentStates {

        @Test
        void remoteAmountsAreNormalisedToTwoDecimalPlaces() {
            RemotePaymentState state = new RemotePaymentState(PaymentState.PARTIALLY_PAID, dec("40"), dec("0"),
                    dec("62.5"), ISSUED, java.time.Instant.EPOCH);

            assertThat(state.amountPaid().toPlainString()).isEqualTo("40.00");
            assertThat(state.amountCredited().toPlainString()).isEqualTo("0.00");
            assertThat(state.amountDue().toPlainString()).isEqualTo("62.50");
        }

        @Test
        void remoteAmountWithThreeDecimalsIsRefusedNamingTheField() {
            assertThatThrownBy(() -> new RemotePaymentState(PaymentState.UNPAID, dec("0"), dec("0"),
                    dec("1.001"), null, java.time.Instant.EPOCH))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("amount due");
        }
    }
}
