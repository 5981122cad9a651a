package io.fieldsync.accounting.testprovider;

import java.util.Dictionary;
import java.util.Hashtable;

import io.fieldsync.accounting.api.spi.AccountingProvider;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One {@link TestProvider} per factory configuration. The service is registered here rather than
 * by DS because its {@value AccountingProvider#PROVIDER_PROPERTY} property is the configured
 * {@code id}, a value DS can only copy under the configuration's own key.
 */
@Component(service = {}, configurationPid = TestProviderComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TestProviderConfiguration.class, factory = true)
public final class TestProviderComponent {

    /** The factory PID: {@code etc/io.fieldsync.accounting.testprovider-alpha.cfg} with {@code id = alpha}. */
    public static final String PID = "io.fieldsync.accounting.testprovider";

    private final ServiceRegistration<AccountingProvider> registration;

    @Activate
    public TestProviderComponent(BundleContext context, TestProviderConfiguration configuration) {
        TestProvider provider = new TestProvider(configuration.id());
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(AccountingProvider.PROVIDER_PROPERTY, provider.descriptor().id());
        registration = context.registerService(AccountingProvider.class, provider, properties);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
