package io.fieldsync.accounting.sandbox.xero.osgi;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Records the services a component registers by hand; nothing else of a bundle context is there. Public for the QBO
 * component's test.
 */
public final class FakeBundleContext {

    public record Registration(List<String> objectClasses, Object service, Map<String, Object> properties,
                        AtomicBoolean unregistered) {
        public boolean active() {
            return !unregistered.get();
        }
    }

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    public BundleContext bundleContext() {
        return (BundleContext) Proxy.newProxyInstance(FakeBundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "registerService" -> register(args[0], args[1], (Dictionary<?, ?>) args[2]);
                    case "toString" -> "fake bundle context";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("the fake bundle context has no " + m.getName());
                });
    }

    private ServiceRegistration<?> register(Object classes, Object service, Dictionary<?, ?> properties) {
        List<String> names = classes instanceof String s ? List.of(s)
                : classes instanceof String[] a ? List.of(a)
                : List.of(((Class<?>) classes).getName());
        Map<String, Object> props = Collections.list(properties.keys()).stream()
                .collect(Collectors.toMap(k -> (String) k, (Function<Object, Object>) properties::get));
        Registration r = new Registration(names, service, props, new AtomicBoolean());
        registrations.add(r);
        return (ServiceRegistration<?>) Proxy.newProxyInstance(FakeBundleContext.class.getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "unregister" -> {
                        if (r.unregistered().getAndSet(true)) {
                            throw new IllegalStateException("already unregistered");
                        }
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "registration of " + names;
                    default -> throw new UnsupportedOperationException("the fake registration has no " + m.getName());
                });
    }

    public List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    /** The one registration under {@code objectClass}. */
    public Registration only(String objectClass) {
        List<Registration> matching = registrations.stream().filter(r -> r.objectClasses().contains(objectClass)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + objectClass + " among " + registrations);
        }
        return matching.get(0);
    }
}
