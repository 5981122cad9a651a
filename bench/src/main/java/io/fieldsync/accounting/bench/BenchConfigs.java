package io.fieldsync.accounting.bench;

import java.lang.reflect.Proxy;
import java.util.Map;

import io.fieldsync.accounting.engine.EngineConfiguration;

/**
 * The configurations DS would build from Config Admin, outside OSGi: an instance of the component's
 * configuration annotation that answers from a map of properties (Config Admin's names, {@code client.id})
 * and falls back to the annotation's own defaults, as DS does.
 */
public final class BenchConfigs {

    private BenchConfigs() {
    }

    /** The engine with {@code provider} active, polling off (the benchmark counts the documents' calls). */
    public static EngineConfiguration engine(String provider) {
        return of(EngineConfiguration.class, Map.of("provider", provider, "dispatch.interval.ms", 1000L, "poll.interval.min", 0));
    }

    /** As {@link #engine(String)}, the dispatcher waiting for {@code lingerMillis} of host quiet before it sends. */
    public static EngineConfiguration engine(String provider, long lingerMillis) {
        return of(EngineConfiguration.class, Map.of("provider", provider, "dispatch.interval.ms", 1000L, "poll.interval.min", 0,
                "dispatch.linger.ms", lingerMillis));
    }

    /** {@code type} with {@code properties}; every other attribute its default. */
    public static <A> A of(Class<A> type, Map<String, Object> properties) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> type.getSimpleName() + properties;
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> proxy == args[0];
                };
            }
            // DS maps a single underscore in a method name to a dot in the property name
            Object value = properties.get(method.getName().replace('_', '.'));
            return value != null ? value : method.getDefaultValue();
        }));
    }
}
