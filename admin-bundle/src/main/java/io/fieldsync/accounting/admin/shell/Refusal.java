package io.fieldsync.accounting.admin.shell;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;

/**
 * What the console prints when the engine refuses a command: one line with the engine's code, never a stack trace
 * (Karaf prints the whole trace of an exception that leaves an Action).
 */
final class Refusal {

    private Refusal() {
    }

    /** {@code Error (CODE): message}, for an engine refusal or a value the records refused. */
    static String of(RuntimeException refused) {
        if (refused instanceof AccountingException typed) {
            return line(typed.code(), typed.getMessage());
        }
        return line(ErrorCode.INVALID_INPUT, refused.getMessage());
    }

    static String line(ErrorCode code, String message) {
        return "Error (" + code.name() + "): " + message;
    }

    /** Prints the refusal on the console's error stream. */
    static Object print(RuntimeException refused) {
        System.err.println(of(refused));
        return null;
    }

    /** Prints that the journal has no such document (a typo in the id, or another company's). */
    static Object unknown(io.fieldsync.accounting.api.DocumentRef document) {
        return invalid("No " + document.kind() + " '" + document.hostId() + "' of company " + document.company() + " is in the journal");
    }

    /** Prints an INVALID_INPUT line about what the admin typed. */
    static Object invalid(String message) {
        System.err.println(line(ErrorCode.INVALID_INPUT, message));
        return null;
    }
}
