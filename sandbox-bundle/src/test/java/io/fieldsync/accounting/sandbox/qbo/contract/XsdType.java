package io.fieldsync.accounting.sandbox.qbo.contract;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One XSD complexType as QBO's JSON sees it: elements and attributes flattened into one bag of keys (JSON has no
 * element order and writes attributes as plain keys), inherited ones included.
 *
 * @param fields            every element and attribute, by name, base types' first
 * @param choices           the xs:choice groups, for "at most one of" and "one of ... required"
 * @param simpleContentBase the text type for xs:simpleContent types (ReferenceType, MemoRef), which QBO's JSON
 *                          writes as {@code {"value": <text>, <attributes>}}; null otherwise
 * @param openContent       the type is an xs:any bag (IntuitAnyType, the *Ex extension elements): anything goes
 */
record XsdType(String name, Map<String, Field> fields, List<Choice> choices, String simpleContentBase,
               boolean openContent) {

    /**
     * An element or attribute of a complexType.
     *
     * @param type     a named simpleType, a complexType, or a built-in such as {@code xs:decimal}
     * @param required minOccurs ≥ 1 with every enclosing compositor required too and not inside a choice
     *                 (for attributes: use="required")
     * @param repeated maxOccurs > 1 or unbounded, on the element or an enclosing compositor: a JSON array
     * @param choice   the id of the innermost enclosing xs:choice, or -1
     * @param rangeMin the "ValidRange: QBO: Min=" of the element's documentation, if any
     * @param rangeMax the "ValidRange: QBO: Max=" of the element's documentation: the string length for strings,
     *                 the value for numbers (the XSDs carry no xs:maxLength facets; Intuit documents limits so)
     */
    record Field(String name, String type, boolean attribute, boolean required, boolean repeated, int choice,
                 BigDecimal rangeMin, BigDecimal rangeMax) {
    }

    /**
     * @param atMostOne maxOccurs="1" on the choice: two of its members together are invalid
     * @param required  minOccurs ≥ 1 and no member is optional, so one member must be present
     */
    record Choice(int id, boolean atMostOne, boolean required, Set<String> members) {
    }

    /** A named xs:simpleType reduced to what JSON checks need. */
    record Simple(String name, String builtin, Set<String> enumeration, Integer minLength, Integer maxLength) {
    }
}
