package io.fieldsync.accounting.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;

class PushOutcomeTest {

    private static final DocumentRef INVOICE = DocumentRef.invoice(CompanyId.of("acme"), "inv-1");

    @ParameterizedTest
    @EnumSource(value = OutcomeStatus.class, names = {"SYNCED", "ALREADY_PRESENT"})
    void successfulOutcomeWithoutRemoteIdIsRefused(OutcomeStatus status) {
        assertThatThrownBy(() -> new PushOutcome(INVOICE, status, null, "INV-1", null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("remote id of a synced document");
    }

    @ParameterizedTest
    @EnumSource(value = OutcomeStatus.class, names = {"FAILED", "UNKNOWN", "UNSUPPORTED"})
    void unsuccessfulOutcomeWithoutErrorIsRefused(OutcomeStatus status) {
        assertThatThrownBy(() -> new PushOutcome(INVOICE, status, null, null, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("error of an unsuccessful document");
    }

    @Test
    void outcomeWithoutDocumentOrStatusIsRefused() {
        assertThatThrownBy(() -> PushOutcome.synced(null, "r1", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("document");
        assertThatThrownBy(() -> new PushOutcome(INVOICE, null, "r1", null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("status");
    }

    @Test
    void syncedCarriesRemoteIdAndNumberAndNoError() {
        PushOutcome outcome = PushOutcome.synced(INVOICE, "f1b2", "INV-0001");

        assertThat(outcome.document()).isEqualTo(INVOICE);
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(outcome.remoteId()).isEqualTo("f1b2");
        assertThat(outcome.remoteNumber()).isEqualTo("INV-0001");
        assertThat(outcome.error()).isNull();
        assertThat(outcome.note()).isNull();
    }

    @Test
    void alreadyPresentCarriesRemoteIdAndTheReason() {
        PushOutcome outcome = PushOutcome.alreadyPresent(INVOICE, "f1b2", "INV-0001", "invoice already paid in Xero");

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcome.remoteId()).isEqualTo("f1b2");
        assertThat(outcome.note()).isEqualTo("invoice already paid in Xero");
        assertThat(outcome.error()).isNull();
    }

    @Test
    void failedCarriesTheErrorAndNoRemoteId() {
        SyncError error = SyncError.of(ErrorCode.VALIDATION_FAILED, "invoice INV-0001").withDetail("Bad account");

        PushOutcome outcome = PushOutcome.failed(INVOICE, error);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.error()).isSameAs(error);
        assertThat(outcome.remoteId()).isNull();
    }

    @Test
    void failedWithoutErrorIsRefused() {
        assertThatThrownBy(() -> PushOutcome.failed(INVOICE, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void syncedWithoutRemoteIdIsRefused() {
        assertThatThrownBy(() -> PushOutcome.synced(INVOICE, null, "INV-1")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void unknownKeepsTheReasonAsDetailAndIsNotAPersonsProblem() {
        PushOutcome outcome = PushOutcome.unknown(INVOICE, "read timed out after 30s");

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.UNKNOWN);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(outcome.error().code().needsAction()).isFalse();
        assertThat(outcome.error().detail()).isEqualTo("read timed out after 30s");
        assertThat(outcome.error().message()).contains("checked before anything is sent again");
    }

    @Test
    void unsupportedIsWordedByTheUnsupportedCode() {
        PushOutcome outcome = PushOutcome.unsupported(INVOICE, "Partial credit notes");

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.UNSUPPORTED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(outcome.error().message())
                .isEqualTo(ErrorCode.UNSUPPORTED.message("Partial credit notes"))
                .startsWith("Partial credit notes is not supported");
    }
}
