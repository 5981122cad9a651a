package io.fieldsync.accounting.admin;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a user in to a Karaf JAAS realm, as Karaf's web console and SSH server do: a {@link LoginContext} on the realm's
 * name with a name/password callback handler. Karaf's JAAS registers its realms in the JVM-wide JAAS configuration
 * (its ProxyLoginModule sits on the boot class path), so no Karaf package is imported; roles are the principals of
 * the configured class (Karaf: {@value #KARAF_ROLE_PRINCIPAL}), compared by class name as Karaf's web console does,
 * because that class belongs to Karaf's boot class path and not to this bundle's wiring.
 */
@Component(service = AdminLogin.class, configurationPid = AdminApiConfiguration.PID)
public class KarafRealmLogin implements AdminLogin {

    static final String KARAF_ROLE_PRINCIPAL = "org.apache.karaf.jaas.boot.principal.RolePrincipal";
    private static final Logger LOG = LoggerFactory.getLogger(KarafRealmLogin.class);

    private final String realm;
    private final String rolePrincipalClass;
    private final Configuration jaas;

    @Activate
    public KarafRealmLogin(AdminApiConfiguration configuration) {
        this(configuration.realm(), configuration.rolePrincipalClass(), null);
    }

    /** {@code jaas} null: the JVM's JAAS configuration, where Karaf registers its realms. */
    KarafRealmLogin(String realm, String rolePrincipalClass, Configuration jaas) {
        this.realm = realm;
        this.rolePrincipalClass = rolePrincipalClass;
        this.jaas = jaas;
    }

    @Override
    public Optional<AdminUser> login(String user, char[] password) {
        Subject subject = new Subject();
        try {
            LoginContext context = jaas == null
                    ? new LoginContext(realm, subject, callbacks -> answer(callbacks, user, password))
                    : new LoginContext(realm, subject, callbacks -> answer(callbacks, user, password), jaas);
            context.login();
        } catch (LoginException refused) {
            // no password or user name in the log: a user typing the password into the name field is common
            LOG.debug("Realm {} refused a login: {}", realm, refused.getClass().getSimpleName());
            return Optional.empty();
        }
        Set<String> roles = subject.getPrincipals().stream()
                .filter(principal -> principal.getClass().getName().equals(rolePrincipalClass))
                .map(Principal::getName)
                .collect(Collectors.toUnmodifiableSet());
        return Optional.of(new AdminUser(user, roles));
    }

    private static void answer(Callback[] callbacks, String user, char[] password) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(user);
            } else if (callback instanceof PasswordCallback secret) {
                secret.setPassword(password);
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }
}
