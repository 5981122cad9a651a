package io.fieldsync.accounting.admin.shell;

import java.util.Optional;

import io.fieldsync.accounting.api.CompanyId;

import org.apache.karaf.shell.api.console.CommandLine;

/** The {@code --company} already typed on the line being completed, for completers that list what that company has. */
final class CompanyOnLine {

    private CompanyOnLine() {
    }

    static Optional<CompanyId> of(CommandLine line) {
        String[] words = line.getArguments();
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals("--company") && !words[i + 1].isBlank() && i + 1 != line.getCursorArgumentIndex()) {
                try {
                    return Optional.of(CompanyId.of(words[i + 1]));
                } catch (IllegalArgumentException notACompany) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
