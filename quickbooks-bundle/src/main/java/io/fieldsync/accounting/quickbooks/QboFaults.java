package io.fieldsync.accounting.quickbooks;

import java.util.Locale;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;

/**
 * QuickBooks' error codes in the admin's words (api-facts §8.1, Intuit's error-code list). The callers handle
 * the codes that need a decision of their own first: 6140 duplicate number, 6240 duplicate name, 5010 stale
 * SyncToken; everything else lands here.
 */
final class QboFaults {

    static final String STALE_OBJECT = "5010";
    static final String DUPLICATE_DOC_NUM = "6140";
    static final String DUPLICATE_NAME = "6240";
    private static final String INVALID_REFERENCE = "2500";
    private static final String OBJECT_NOT_FOUND = "610";
    private static final String SUBSCRIPTION_ENDED = "6190";
    private static final String APP_NOT_AUTHORISED = "3100";
    private static final String TOKEN_REFUSED = "3200";
    private static final String USER_NOT_ADMIN = "120";

    private QboFaults() {
    }

    /**
     * The error of one document refused with {@code fault}.
     *
     * @param subject what the document is, for the message, e.g. "invoice FS-1001"
     */
    static SyncError forDocument(QboFault fault, String subject) {
        QboFault.Error error = fault.first();
        String words = fault.words();
        return switch (error.code()) {
            case SUBSCRIPTION_ENDED -> new SyncError(ErrorCode.NOT_CONNECTED,
                    "The QuickBooks Online company's subscription has ended or is suspended. Renew it in QuickBooks; waiting documents are "
                            + "sent after that.", words);
            case APP_NOT_AUTHORISED, TOKEN_REFUSED, USER_NOT_ADMIN -> connectionLost(error.code(), words);
            case INVALID_REFERENCE, OBJECT_NOT_FOUND -> badReference(error, subject, words);
            default -> SyncError.of(ErrorCode.VALIDATION_FAILED, subject).withDetail(words);
        };
    }

    /** Refusals of the connection itself: the app lost its grant (3100), the token was refused (3200), the user is no admin (120). */
    static SyncError connectionLost(String code, String words) {
        String why = USER_NOT_ADMIN.equals(code)
                ? "The QuickBooks user who connected is no longer an administrator of the company. An administrator must reconnect "
                + "in Settings → Accounting → Connection; waiting documents are sent after that."
                : ErrorCode.CONNECTION_EXPIRED.message("QuickBooks Online");
        return new SyncError(ErrorCode.CONNECTION_EXPIRED, why, words);
    }

    /**
     * 2500 Invalid Reference Id / 610 Object Not Found: something the document points at is missing or
     * inactive. Which mapping to fix follows from the element (or, when QBO leaves it out, the detail).
     */
    private static SyncError badReference(QboFault.Error error, String subject, String words) {
        String about = ((error.element() == null ? "" : error.element()) + " " + (error.detail() == null ? "" : error.detail())
                + " " + (error.message() == null ? "" : error.message())).toLowerCase(Locale.ROOT);
        if (about.contains("tax")) {
            return new SyncError(ErrorCode.TAX_MAPPING_MISSING, "A tax rate of " + subject
                    + " is mapped to a QuickBooks tax code that is missing or inactive. " + ErrorCode.TAX_MAPPING_MISSING.action(), words);
        }
        if (about.contains("item")) {
            return new SyncError(ErrorCode.MAPPING_MISSING, "A category of " + subject
                    + " is mapped to a QuickBooks product/service that is missing or inactive. " + ErrorCode.MAPPING_MISSING.action(), words);
        }
        if (about.contains("account")) {
            return new SyncError(ErrorCode.MAPPING_MISSING, "The account " + subject
                    + " is booked to is missing or inactive in QuickBooks (revenue or deposit account mapping). "
                    + ErrorCode.MAPPING_MISSING.action(), words);
        }
        if (about.contains("customer") || about.contains("txn") || about.contains("invoice") || about.contains("creditmemo")) {
            return new SyncError(ErrorCode.PREREQUISITE_MISSING, "A document " + subject + " depends on is no longer in QuickBooks. "
                    + ErrorCode.PREREQUISITE_MISSING.action(), words);
        }
        return SyncError.of(ErrorCode.VALIDATION_FAILED, subject).withDetail(words);
    }
}
