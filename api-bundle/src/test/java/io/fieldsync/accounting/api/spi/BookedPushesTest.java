package io.fieldsync.accounting.api.spi;

import static io.fieldsync.accounting.api.TestData.COMPANY;
import static io.fieldsync.accounting.api.TestData.invoice;
import static io.fieldsync.accounting.api.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;

import org.junit.jupiter.api.Test;

class BookedPushesTest {

    private static final IdempotencyKey KEY = new IdempotencyKey("k-1");

    @Test
    void aBookedLineNamesOneRemoteTaxRatePerHostTaxRate() {
        InvoiceLine line = line("1", "10.00");

        assertThat(new BookedLine(line, "200", List.of("OUTPUT2"), null).taxRates()).containsExactly("OUTPUT2");
        assertThatThrownBy(() -> new BookedLine(line, "200", List.of(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BookedLine(line, null, List.of("OUTPUT2"), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anInvoicePushCarriesExactlyTheInvoicesLinesInOrder() {
        Invoice invoice = invoice(List.of(line("1", "10.00"), line("2", "5.00")));
        List<BookedLine> booked = invoice.lines().stream().map(line -> new BookedLine(line, "200", List.of("OUTPUT2"), null)).toList();

        InvoicePush push = new InvoicePush(DocumentRef.invoice(COMPANY, "inv-1"), KEY, invoice, "c-1", null, false, booked,
                InvoiceStatusOnPush.DRAFT, false);

        assertThat(BookedLine.hostLines(push.lines())).isEqualTo(invoice.lines());
        assertThat(push.status()).isEqualTo(InvoiceStatusOnPush.DRAFT);
        assertThat(push.toUpdate("remote-9", false).remoteInvoiceId()).isEqualTo("remote-9");
        assertThat(push.toUpdate("remote-9", false).lines()).isEqualTo(push.lines());
        assertThatThrownBy(() -> new InvoicePush(DocumentRef.invoice(COMPANY, "inv-1"), KEY, invoice, "c-1", null, false,
                List.of(booked.get(1), booked.get(0)), InvoiceStatusOnPush.APPROVED, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InvoicePush(DocumentRef.invoice(COMPANY, "inv-1"), KEY, invoice, "c-1", null, false,
                booked.subList(0, 1), InvoiceStatusOnPush.APPROVED, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCreditNotePushCarriesExactlyTheCreditNotesLines() {
        Invoice invoice = invoice();
        CreditNote creditNote = CreditNote.cancelling(invoice, "CN-1", invoice.issueDate(), null);
        List<BookedLine> booked = creditNote.lines().stream().map(line -> new BookedLine(line, "200", List.of("OUTPUT2"), "LAB")).toList();

        CreditNotePush push = new CreditNotePush(new DocumentRef(COMPANY, io.fieldsync.accounting.api.DocumentKind.CREDIT_NOTE, "CN-1"),
                KEY, creditNote, "c-1", "i-1", false, null, booked, true);

        assertThat(push.lines()).extracting(BookedLine::item).containsOnly("LAB");
        assertThatThrownBy(() -> new CreditNotePush(push.document(), KEY, creditNote, "c-1", "i-1", false, null, List.of(), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventOfAKindTheSpiHasNoConstantForKeepsTheVendorsWords() {
        RemoteEvent emailed = new RemoteEvent("realm-1", RemoteResourceType.OTHER, "7", RemoteEventType.OTHER, Instant.EPOCH,
                "Estimate", "Emailed");

        assertThat(emailed.vendorResourceType()).isEqualTo("Estimate");
        assertThat(emailed.vendorEventType()).isEqualTo("Emailed");
        assertThat(new RemoteEvent("t", RemoteResourceType.INVOICE, "1", RemoteEventType.UPDATE, Instant.EPOCH).vendorEventType())
                .isEqualTo("UPDATE");
        assertThatThrownBy(() -> new RemoteEvent("t", RemoteResourceType.OTHER, "1", RemoteEventType.OTHER, Instant.EPOCH, " ", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
