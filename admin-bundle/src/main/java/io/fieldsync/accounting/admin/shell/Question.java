package io.fieldsync.accounting.admin.shell;

import java.io.IOException;

/** A question put to the admin at the console; the answer typed, or null when the console has none (piped, closed). */
@FunctionalInterface
interface Question {

    String ask(String prompt) throws IOException;

    /** Yes only for y or yes, any case: a command that destroys something never takes silence for consent. */
    static boolean yes(String answer) {
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }
}
