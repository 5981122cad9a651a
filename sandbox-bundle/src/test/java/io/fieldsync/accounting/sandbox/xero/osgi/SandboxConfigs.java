package io.fieldsync.accounting.sandbox.xero.osgi;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Sandbox configurations for tests, as DS builds them from Config Admin: every attribute has its metatype default
 * unless {@code overrides} names it (by method name, e.g. {@code "webhook_url"}). {@link #of} serves any configuration
 * type (the QBO component's test uses it).
 */
public final class SandboxConfigs {

    private SandboxConfigs() {
    }

    static XeroSandboxConfiguration defaults() {
        return with(Map.of());
    }

    static XeroSandboxConfiguration with(Map<String, Object> overrides) {
        return (XeroSandboxConfiguration) of(XeroSandboxConfiguration.class, overrides);
    }

    /** For a configuration type loaded by another class loader (see {@link IsolatedSandboxLoader}). */
    public static Object of(Class<?> type, Map<String, Object> overrides) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> switch (m.getName()) {
            case "annotationType" -> type;
            case "toString" -> type.getSimpleName() + overrides;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> overrides.containsKey(m.getName()) ? overrides.get(m.getName()) : m.getDefaultValue();
        });
    }
}
