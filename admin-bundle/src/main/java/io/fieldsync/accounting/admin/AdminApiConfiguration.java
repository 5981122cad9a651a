package io.fieldsync.accounting.admin;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = AdminApiConfiguration.PID, name = "FieldSync Accounting admin API",
        description = "Who may use the admin REST API under /accounting/api")
public @interface AdminApiConfiguration {

    String PID = "io.fieldsync.accounting.admin";

    @AttributeDefinition(name = "JAAS realm", description = "The Karaf JAAS realm users log in to (Karaf's own: karaf)")
    String realm() default "karaf";

    @AttributeDefinition(name = "Role", description = "The role a user needs, as etc/users.properties or the realm gives it")
    String role() default "admin";

    @AttributeDefinition(name = "Role principal class",
            description = "The principal class that carries roles in the realm's subjects (Karaf's RolePrincipal)")
    String rolePrincipalClass() default KarafRealmLogin.KARAF_ROLE_PRINCIPAL;
}
