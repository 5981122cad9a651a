package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;

class QboMarkerTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @Test
    void aDocumentIsRecognisedByItsMarkWhateverTheAdminWroteAroundIt() {
        DocumentRef payment = DocumentRef.payment(ACME, "P-1");

        assertThat(QboMarker.marks("Checked by Ann. " + QboMarker.note(payment, "reference 12345"), payment)).isTrue();
        assertThat(QboMarker.marks(QboMarker.note(DocumentRef.payment(ACME, "P-10"), null), payment)).isFalse();
        assertThat(QboMarker.marks(QboMarker.note(DocumentRef.invoice(ACME, "P-1"), null), payment)).isFalse();
    }

    @Test
    void aHostIdHoldingTheMarksClosingBracketNeverMakesOneDocumentLookLikeAnother() {
        DocumentRef plain = DocumentRef.invoice(ACME, "A");
        DocumentRef bracketed = DocumentRef.invoice(ACME, "A] x");
        DocumentRef backslashed = DocumentRef.invoice(ACME, "A\\");

        assertThat(QboMarker.marks(QboMarker.note(bracketed, null), plain)).isFalse();
        assertThat(QboMarker.marks(QboMarker.note(backslashed, null), plain)).isFalse();
        assertThat(QboMarker.marks(QboMarker.note(plain, null), bracketed)).isFalse();
        assertThat(QboMarker.marks(QboMarker.note(bracketed, null), bracketed)).isTrue();
        assertThat(QboMarker.marks(QboMarker.note(backslashed, null), backslashed)).isTrue();
    }
}
