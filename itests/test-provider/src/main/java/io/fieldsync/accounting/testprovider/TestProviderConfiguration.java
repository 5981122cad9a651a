package io.fieldsync.accounting.testprovider;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One test provider instance: a factory configuration of {@value TestProviderComponent#PID}. */
@ObjectClassDefinition(name = "Accounting test provider",
        description = "An accounting provider for integration tests; every document is synced at once.")
@interface TestProviderConfiguration {

    @AttributeDefinition(name = "Provider id",
            description = "The id admins choose it by (accounting:use <id>); remote ids start with it.")
    String id();
}
