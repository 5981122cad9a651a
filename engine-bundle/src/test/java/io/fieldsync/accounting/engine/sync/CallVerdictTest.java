package io.fieldsync.accounting.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitedException;

class CallVerdictTest {

    private static final DocumentRef INVOICE = DocumentRef.invoice(CompanyId.of("acme"), "I-1");
    private static final DocumentRef OTHER = DocumentRef.invoice(CompanyId.of("acme"), "I-2");

    private static CallVerdict throwing(RuntimeException thrown) {
        return CallVerdict.of(() -> {
            throw thrown;
        });
    }

    @Test
    void anAnswerIsAnsweredWithItsOutcomesByDocument() {
        PushOutcome synced = PushOutcome.synced(INVOICE, "r-1", "INV-1");
        PushOutcome failed = PushOutcome.failed(OTHER, SyncError.of(ErrorCode.VALIDATION_FAILED, "invoice I-2"));

        CallVerdict verdict = CallVerdict.of(() -> List.of(synced, failed));

        assertThat(verdict).isInstanceOfSatisfying(CallVerdict.Answered.class, answered -> {
            assertThat(answered.outcomes()).containsExactly(synced, failed);
            assertThat(answered.byDocument()).containsEntry(INVOICE, synced).containsEntry(OTHER, failed).hasSize(2);
        });
    }

    @Test
    void anEmptyAnswerIsAnsweredWithNoOutcomeSoEveryDocumentIsLeftInDoubtByTheCaller() {
        assertThat(CallVerdict.of(List::of)).isEqualTo(new CallVerdict.Answered(List.of()));
    }

    @Test
    void anAnswerThatIsNoListIsABrokenProviderNotACrashedRound() {
        CallVerdict verdict = CallVerdict.of(() -> null);

        assertThat(verdict).isInstanceOfSatisfying(CallVerdict.Broken.class,
                broken -> assertThat(broken.cause()).isInstanceOf(IllegalStateException.class));
    }

    @Test
    void anAnswerHoldingNoOutcomeForAnEntryIsABrokenProvider() {
        List<PushOutcome> answer = new ArrayList<>();
        answer.add(PushOutcome.synced(INVOICE, "r-1", "INV-1"));
        answer.add(null);

        assertThat(CallVerdict.of(() -> answer)).isInstanceOf(CallVerdict.Broken.class);
    }

    @Test
    void aRateLimitIsRateLimitedWithItsLimitAndHowLongToWait() {
        RateLimitedException limited = new RateLimitedException(RateLimit.MINUTE, Duration.ofSeconds(37));

        CallVerdict verdict = throwing(limited);

        assertThat(verdict).isInstanceOfSatisfying(CallVerdict.RateLimited.class, rateLimited -> {
            assertThat(rateLimited.limit()).isSameAs(limited);
            assertThat(rateLimited.limit().limit()).isEqualTo(RateLimit.MINUTE);
            assertThat(rateLimited.limit().retryAfter()).isEqualTo(Duration.ofSeconds(37));
        });
    }

    @Test
    void anExpiredConnectionIsConnectionExpiredWithTheProvidersWords() {
        SyncError error = SyncError.of(ErrorCode.CONNECTION_EXPIRED, "Xero").withDetail("invalid_grant");

        assertThat(throwing(new AccountingException(error))).isEqualTo(new CallVerdict.ConnectionExpired(error));
    }

    @Test
    void aMissingConnectionIsNotConnected() {
        SyncError error = SyncError.of(ErrorCode.NOT_CONNECTED, "QuickBooks Online");

        assertThat(throwing(new AccountingException(error))).isEqualTo(new CallVerdict.NotConnected(error));
    }

    @Test
    void anUnavailableAccountingSystemIsATransportFailure() {
        SyncError error = SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero").withDetail("HTTP 503");

        assertThat(throwing(new AccountingException(error, new java.net.SocketTimeoutException("read timed out"))))
                .isEqualTo(new CallVerdict.TransportFailure(error));
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, mode = EnumSource.Mode.EXCLUDE, names = {"CONNECTION_EXPIRED", "NOT_CONNECTED", "PROVIDER_UNAVAILABLE"})
    void everyOtherRefusalOfTheWholeCallIsRefusedWithItsError(ErrorCode code) {
        SyncError error = SyncError.of(code, "the batch");

        assertThat(throwing(new AccountingException(error))).isEqualTo(new CallVerdict.Refused(error));
    }

    @Test
    void anyOtherExceptionIsABrokenProviderWithItsCause() {
        IllegalStateException bug = new IllegalStateException("a provider bug");

        assertThat(throwing(bug)).isEqualTo(new CallVerdict.Broken(bug));
    }

    @Test
    void aLinkageErrorOfAHalfUpdatedProviderBundleIsABrokenProvider() {
        NoClassDefFoundError halfUpdated = new NoClassDefFoundError("io/fieldsync/accounting/xero/XeroInvoices");

        assertThat(CallVerdict.of(() -> {
            throw halfUpdated;
        })).isEqualTo(new CallVerdict.Broken(halfUpdated));
    }

    @Test
    void anErrorOfTheVirtualMachineIsNoVerdictAndPassesThrough() {
        OutOfMemoryError exhausted = new OutOfMemoryError("Java heap space");

        assertThatThrownBy(() -> CallVerdict.of(() -> {
            throw exhausted;
        })).isSameAs(exhausted);
    }
}
