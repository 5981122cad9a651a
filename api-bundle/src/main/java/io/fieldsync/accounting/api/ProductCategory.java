package io.fieldsync.accounting.api;

import java.util.List;

/**
 * The category of a line: it decides the revenue account (and optionally the item) a line is
 * booked to. The four standard categories are constants; a host may define its own names, which
 * are mapped the same way.
 */
public final class ProductCategory {

    /** Work time. */
    public static final String LABOUR = "Labour";
    /** Parts and consumables. */
    public static final String MATERIALS = "Materials";
    /** Equipment sold or hired out. */
    public static final String EQUIPMENT = "Equipment";
    /** Anything else. */
    public static final String OTHER = "Other";

    /** The four standard categories, in the order an admin sees them. */
    public static final List<String> STANDARD = List.of(LABOUR, MATERIALS, EQUIPMENT, OTHER);

    private ProductCategory() {
    }
}
