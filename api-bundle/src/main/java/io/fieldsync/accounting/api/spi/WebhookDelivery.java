package io.fieldsync.accounting.api.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A webhook request exactly as it arrived: the signature covers the raw bytes, so nothing may be re-encoded.
 *
 * @param headers the request headers (names compared without regard to case)
 * @param body the raw body
 */
public record WebhookDelivery(Map<String, List<String>> headers, byte[] body) {

    /** Copies headers case-insensitively and the body defensively. */
    public WebhookDelivery {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        }
        headers = Collections.unmodifiableSortedMap(copy);
        body = body == null ? new byte[0] : body.clone();
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Equal when the headers and the body bytes are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookDelivery that && headers.equals(that.headers) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * headers.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "WebhookDelivery[headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}
