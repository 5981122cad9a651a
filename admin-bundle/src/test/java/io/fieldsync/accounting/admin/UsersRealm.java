package io.fieldsync.accounting.admin;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.GroupPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * A JAAS realm named "karaf" that answers as Karaf's PropertiesLoginModule does for etc/users.properties: a
 * UserPrincipal, a RolePrincipal per role and a GroupPrincipal per group, from Karaf's own principal classes.
 */
final class UsersRealm extends Configuration {

    /** user name -> password, then its roles; a "_g_:" entry is a group, as in users.properties. */
    static final Map<String, List<String>> USERS = Map.of(
            "karaf", List.of("karaf", "_g_:admingroup", "admin", "manager"),
            "viewer", List.of("viewer-secret", "viewer"));

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        if (!"karaf".equals(name)) {
            return null;
        }
        return new AppConfigurationEntry[] {new AppConfigurationEntry(UsersModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())};
    }

    public static final class UsersModule implements LoginModule {
        private Subject subject;
        private CallbackHandler handler;
        private final List<Principal> principals = new ArrayList<>();

        @Override
        public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState, Map<String, ?> options) {
            this.subject = subject;
            this.handler = handler;
        }

        @Override
        public boolean login() throws LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                handler.handle(new Callback[] {name, password});
            } catch (IOException | UnsupportedCallbackException e) {
                throw new LoginException(e.getMessage());
            }
            List<String> entry = USERS.get(name.getName());
            if (entry == null || !Arrays.equals(entry.get(0).toCharArray(), password.getPassword())) {
                throw new FailedLoginException("refused");
            }
            principals.add(new UserPrincipal(name.getName()));
            for (String role : entry.subList(1, entry.size())) {
                principals.add(role.startsWith("_g_:") ? new GroupPrincipal(role.substring(4)) : new RolePrincipal(role));
            }
            return true;
        }

        @Override
        public boolean commit() {
            subject.getPrincipals().addAll(principals);
            return true;
        }

        @Override
        public boolean abort() {
            principals.clear();
            return true;
        }

        @Override
        public boolean logout() {
            subject.getPrincipals().removeAll(principals);
            return true;
        }
    }
}
