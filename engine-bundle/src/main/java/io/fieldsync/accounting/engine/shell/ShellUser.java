package io.fieldsync.accounting.engine.shell;

import java.security.AccessController;
import java.security.Principal;

import javax.security.auth.Subject;

/** Who typed a command, for the record of who chose what: Karaf runs each shell session as its JAAS subject. */
final class ShellUser {

    private ShellUser() {
    }

    @SuppressWarnings("removal")
    static String name() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        String user = subject == null ? null : subject.getPrincipals().stream()
                .filter(principal -> principal.getClass().getSimpleName().equals("UserPrincipal"))
                .map(Principal::getName).findFirst().orElse(null);
        return user == null ? "shell" : "shell (" + user + ")";
    }
}
