package io.fieldsync.accounting.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KarafRealmLoginTest {

    private final KarafRealmLogin login = new KarafRealmLogin("karaf", KarafRealmLogin.KARAF_ROLE_PRINCIPAL, new UsersRealm());

    @Test
    void aUserTheRealmAcceptsComesBackWithTheRolesOfItsRolePrincipalsOnly() {
        assertThat(login.login("karaf", "karaf".toCharArray())).hasValueSatisfying(user -> {
            assertThat(user.name()).isEqualTo("karaf");
            // the group principal "admingroup" and the user principal are no roles
            assertThat(user.roles()).containsExactlyInAnyOrder("admin", "manager");
        });
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsRefused() {
        assertThat(login.login("karaf", "wrong".toCharArray())).isEmpty();
        assertThat(login.login("nobody", "karaf".toCharArray())).isEmpty();
    }

    @Test
    void aRealmThatDoesNotExistRefusesEveryone() {
        KarafRealmLogin elsewhere = new KarafRealmLogin("no-such-realm", KarafRealmLogin.KARAF_ROLE_PRINCIPAL, new UsersRealm());

        assertThat(elsewhere.login("karaf", "karaf".toCharArray())).isEmpty();
    }

    @Test
    void rolesAreReadFromTheConfiguredPrincipalClass() {
        KarafRealmLogin byGroups = new KarafRealmLogin("karaf", "org.apache.karaf.jaas.boot.principal.GroupPrincipal", new UsersRealm());

        assertThat(byGroups.login("karaf", "karaf".toCharArray())).hasValueSatisfying(user ->
                assertThat(user.roles()).containsExactly("admingroup"));
    }
}
