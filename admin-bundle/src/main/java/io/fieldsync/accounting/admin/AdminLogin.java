package io.fieldsync.accounting.admin;

import java.util.Optional;

/** Checks a user name and password; empty when the realm refuses them. */
public interface AdminLogin {

    Optional<AdminUser> login(String user, char[] password);
}
