package io.fieldsync.accounting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitObservation;
import io.fieldsync.accounting.api.spi.RateLimitedException;

/** ErrorCode, SyncError, AccountingException and RateLimitedException. */
class ErrorsTest {

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyMessageNamesTheSubjectAndSaysWhatToDo(ErrorCode code) {
        String message = code.message("Category «Equipment»");

        assertThat(message)
                .contains("Category «Equipment»")
                .contains(code.action())
                .endsWith(code.action());
        assertThat(code.action()).isNotBlank();
    }

    @Test
    void mappingMessageReadsAsASentenceFollowedByTheAction() {
        assertThat(ErrorCode.MAPPING_MISSING.message("Category Equipment"))
                .isEqualTo("Category Equipment is not mapped. Map it in Settings → Accounting → Mappings, then retry.");
    }

    @Test
    void subjectContainingPercentSignsIsNotTreatedAsAFormat() {
        assertThat(ErrorCode.TAX_MAPPING_MISSING.message("GST 15%s"))
                .startsWith("Tax rate GST 15%s is not mapped");
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"CUSTOMER_INVALID", "MAPPING_MISSING", "TAX_MAPPING_MISSING",
            "DUPLICATE_DOCUMENT", "VALIDATION_FAILED"})
    void problemsAPersonMustFixNeedAction(ErrorCode code) {
        assertThat(code.needsAction()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"RATE_LIMITED", "NOT_CONNECTED", "PROVIDER_UNAVAILABLE",
            "CONNECTION_EXPIRED"})
    void conditionsTheEngineWaitsOutNeedNoAction(ErrorCode code) {
        assertThat(code.needsAction()).isFalse();
    }

    @Test
    void onlyTheFourWaitingConditionsNeedNoAction() {
        Set<ErrorCode> noAction = Arrays.stream(ErrorCode.values())
                .filter(code -> !code.needsAction())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ErrorCode.class)));

        assertThat(noAction).containsExactlyInAnyOrder(ErrorCode.RATE_LIMITED, ErrorCode.NOT_CONNECTED,
                ErrorCode.PROVIDER_UNAVAILABLE, ErrorCode.CONNECTION_EXPIRED);
    }

    @Test
    void syncErrorOfWordsTheMessageByItsCodeWithoutDetail() {
        SyncError error = SyncError.of(ErrorCode.CUSTOMER_INVALID, "Jane Doe");

        assertThat(error.code()).isEqualTo(ErrorCode.CUSTOMER_INVALID);
        assertThat(error.message()).isEqualTo(ErrorCode.CUSTOMER_INVALID.message("Jane Doe"))
                .startsWith("Customer Jane Doe cannot be sent");
        assertThat(error.detail()).isNull();
    }

    @Test
    void withDetailKeepsCodeAndMessageAndAddsTheVendorWords() {
        SyncError error = SyncError.of(ErrorCode.VALIDATION_FAILED, "invoice INV-1");

        SyncError detailed = error.withDetail("Account code '200' is not a valid code");

        assertThat(detailed.code()).isEqualTo(error.code());
        assertThat(detailed.message()).isEqualTo(error.message());
        assertThat(detailed.detail()).isEqualTo("Account code '200' is not a valid code");
        assertThat(error.detail()).as("the original is unchanged").isNull();
    }

    @Test
    void syncErrorWithoutCodeOrMessageIsRefused() {
        assertThatThrownBy(() -> new SyncError(null, "m", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("code");
        assertThatThrownBy(() -> new SyncError(ErrorCode.INTERNAL_ERROR, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("message");
    }

    @Test
    void accountingExceptionMessageIsTheErrorMessage() {
        SyncError error = SyncError.of(ErrorCode.NOT_CONNECTED, "Xero");

        AccountingException exception = new AccountingException(error);

        assertThat(exception).hasMessage(error.message()).hasNoCause();
        assertThat(exception.error()).isSameAs(error);
        assertThat(exception.code()).isEqualTo(ErrorCode.NOT_CONNECTED);
    }

    @Test
    void accountingExceptionMessageAppendsTheDetailInParentheses() {
        SyncError error = SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero").withDetail("HTTP 503");
        IOException cause = new IOException("connection reset");

        AccountingException exception = new AccountingException(error, cause);

        assertThat(exception).hasMessage(error.message() + " (HTTP 503)").hasCause(cause);
        assertThat(exception.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void accountingExceptionWithoutErrorIsRefused() {
        assertThatThrownBy(() -> new AccountingException(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("error");
    }

    @Test
    void rateLimitedExceptionCarriesLimitAndRetryAfterWithCodeRateLimited() {
        RateLimitedException exception = new RateLimitedException(RateLimit.MINUTE, Duration.ofSeconds(42));

        assertThat(exception).isInstanceOf(AccountingException.class);
        assertThat(exception.limit()).isEqualTo(RateLimit.MINUTE);
        assertThat(exception.retryAfter()).isEqualTo(Duration.ofSeconds(42));
        assertThat(exception.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(exception.code().needsAction()).isFalse();
        assertThat(exception).hasMessageContaining("(minute limit)");
    }

    @Test
    void rateLimitedExceptionWithoutLimitOrRetryAfterIsRefused() {
        assertThatThrownBy(() -> new RateLimitedException(null, Duration.ZERO))
                .isInstanceOf(NullPointerException.class).hasMessage("limit");
        assertThatThrownBy(() -> new RateLimitedException(RateLimit.DAY, null))
                .isInstanceOf(NullPointerException.class).hasMessage("retry after");
    }

    @Test
    void aDailyLimitReadsAsDailyAndOnlyTheAppMinuteConcernsTheWholeApp() {
        assertThat(new RateLimitedException(RateLimit.DAY, Duration.ofHours(3))).hasMessageContaining("(daily limit)");
        assertThat(EnumSet.allOf(RateLimit.class).stream().filter(RateLimit::appWide)).containsExactly(RateLimit.APP_MINUTE);
    }

    @Test
    void anObservationOfA429WithoutHeadersSaysTheLimitIsSpentUntilTheWaitEnds() {
        Instant at = Instant.parse("2026-11-02T09:00:00Z");

        RateLimitObservation seen = RateLimitObservation.limited(RateLimit.MINUTE, Duration.ofSeconds(60), at);

        assertThat(seen.minuteRemaining()).isZero();
        assertThat(seen.minuteResetsAt()).isEqualTo(at.plusSeconds(60));
        assertThat(seen.dayRemaining()).isNull();
        assertThat(seen.problem()).isEqualTo(RateLimit.MINUTE);
    }
    @Test
    void invalidInputNamesTheFieldAndTheRuleAndIsAnAccountingException() {
        InvalidInputException refused = new InvalidInputException("invoice.lines[1].description", "is longer than 4000 characters");

        assertThat(refused).isInstanceOf(AccountingException.class);
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(refused.field()).isEqualTo("invoice.lines[1].description");
        assertThat(refused.error().message()).isEqualTo("invoice.lines[1].description is longer than 4000 characters. "
                + ErrorCode.INVALID_INPUT.action());
    }

    @Test
    void invalidInputCanCarryAnotherCodeForCallbacks() {
        InvalidInputException refused = new InvalidInputException(ErrorCode.AUTHORIZATION_FAILED, "state", "is unknown or was already used");

        assertThat(refused.code()).isEqualTo(ErrorCode.AUTHORIZATION_FAILED);
        assertThat(refused.getMessage()).startsWith("state is unknown or was already used. Start connecting again");
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"INVALID_INPUT", "INVALID_CONFIGURATION", "AUTHORIZATION_FAILED"})
    void refusedInputAndBrokenConfigurationNeedAPerson(ErrorCode code) {
        assertThat(code.needsAction()).isTrue();
    }
}
