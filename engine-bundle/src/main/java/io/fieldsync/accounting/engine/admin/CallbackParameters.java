package io.fieldsync.accounting.engine.admin;

import java.util.Map;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvalidInputException;

/**
 * What an OAuth callback may carry before anything is looked up with it: values no longer than any real
 * authorisation answer, without control characters. Xero's and Intuit's codes, states and realm ids are far
 * shorter; a longer value is not theirs, and it is refused before the one-time state is used up.
 */
final class CallbackParameters {

    /** A guess with room to spare: Xero's codes are 64 characters, Intuit's about 50, our states 43. */
    static final int MAX_VALUE = 2048;
    /** How much of a vendor's words (error_description) a page or log shows. */
    private static final int SHOWN = 200;

    private CallbackParameters() {
    }

    static void check(Map<String, String> parameters) {
        parameters.forEach((name, value) -> {
            String field = shown(name);
            if (name.length() > 64) {
                throw new InvalidInputException(ErrorCode.AUTHORIZATION_FAILED, field, "is not a parameter of an authorisation answer");
            }
            if (value != null && value.length() > MAX_VALUE) {
                throw new InvalidInputException(ErrorCode.AUTHORIZATION_FAILED, field,
                        "is " + value.length() + " characters long; an authorisation answer's values are at most " + MAX_VALUE);
            }
            if (value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7F) && !name.equals("error_description")) {
                throw new InvalidInputException(ErrorCode.AUTHORIZATION_FAILED, field, "contains a control character");
            }
        });
    }

    /** A callback value as a page or log line may show it: control characters replaced, at most 200 characters. */
    static String shown(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.codePoints().limit(SHOWN)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return value.length() > SHOWN ? printable + "…" : printable;
    }
}
