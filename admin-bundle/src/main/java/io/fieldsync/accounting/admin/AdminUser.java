package io.fieldsync.accounting.admin;

import java.util.Objects;
import java.util.Set;

/** A Karaf user the realm accepted, with the roles it gave. */
public record AdminUser(String name, Set<String> roles) {

    public AdminUser {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
