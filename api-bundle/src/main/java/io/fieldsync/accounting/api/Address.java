package io.fieldsync.accounting.api;

import java.util.List;

/**
 * A postal address as the host holds it. Every part may be blank; blank parts become null.
 *
 * @param lines street lines, at most four (both accounting systems store four)
 * @param city city or town
 * @param region state, province or county
 * @param postalCode postal or ZIP code
 * @param country country name or ISO code, as the host has it
 */
public record Address(List<String> lines, String city, String region, String postalCode, String country) {

    /** Normalises blanks and checks the number of lines. */
    public Address {
        lines = lines == null ? List.of() : lines.stream().map(HostIds::optional).filter(l -> l != null).toList();
        if (lines.size() > 4) {
            throw new IllegalArgumentException("an address has at most 4 lines, got " + lines.size());
        }
        city = HostIds.optional(city);
        region = HostIds.optional(region);
        postalCode = HostIds.optional(postalCode);
        country = HostIds.optional(country);
    }

    /** True when no part of the address is filled in. */
    public boolean isEmpty() {
        return lines.isEmpty() && city == null && region == null && postalCode == null && country == null;
    }
}
