package io.fieldsync.accounting.sandbox.qbo.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one JSON value against an XSD type the way QBO's JSON binding reads it: element and attribute names are
 * the keys, in any order; repeated elements are arrays; simpleContent types are {@code {"value": text, attrs}};
 * amounts are JSON numbers. Violations are "JSON pointer: what is wrong".
 */
final class JsonAgainstXsd {

    /** Never demanded: a create has neither, and the update rules are checked by QboContractCheck. */
    private static final Set<String> NOT_REQUIRED_HERE = Set.of("Id", "SyncToken");
    /**
     * LinkedTxn.TxnType is a bare xs:string in Finance.xsd, but its values are TxnTypeEnum's (Intuit's docs and the
     * agreement: Invoice, CreditMemo). QBO itself writes "Payment" there on invoices, a value the enum calls
     * ReceivePayment, so that one is accepted as well.
     */
    private static final Map<String, String> ENUM_BY_FIELD = Map.of("LinkedTxn.TxnType", "TxnTypeEnum");
    private static final Set<String> EXTRA_ENUM_VALUES = Set.of("Payment");
    /**
     * xs:choice groups the XSD marks required but QBO does not: Intuit's own invoice response
     * (examples/qbo-invoice-create-response.json) carries a CustomField with DefinitionId, Name and Type and none
     * of StringValue/BooleanValue/DateValue/NumberValue.
     */
    private static final Set<String> CHOICE_NOT_REQUIRED_IN = Set.of("CustomField");
    /** A Line's DetailType names its detail element, except DescriptionOnly (Finance.xsd, LineDetailTypeEnum). */
    private static final Map<String, String> DETAIL_ELEMENT_OF = Map.of("DescriptionOnly", "DescriptionLineDetail");

    private static final Pattern DATE = Pattern.compile("(-?\\d{4,}-\\d{2}-\\d{2})(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern DATE_TIME = Pattern.compile("(-?\\d{4,}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?)(Z|[+-]\\d{2}:\\d{2})?");
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    private final XsdModel model;

    JsonAgainstXsd(XsdModel model) {
        this.model = model;
    }

    /**
     * @param whole false for the root of a sparse update or a void/delete body, where only the keys sent count;
     *              nested objects are always whole (QBO replaces them entirely)
     */
    List<String> check(JsonNode node, String type, String pointer, boolean whole) {
        List<String> out = new ArrayList<>();
        value(node, type, null, null, pointer, whole, out);
        return out;
    }

    private void value(JsonNode node, String type, XsdType owner, XsdType.Field field, String pointer, boolean whole,
                       List<String> out) {
        if (node.isNull()) {
            out.add(pointer + ": null (no QBO element is nillable; leave the key out)");
            return;
        }
        XsdType complex = model.complexType(type).orElse(null);
        if (complex != null) {
            object(node, complex, pointer, whole, out);
        } else {
            scalar(node, type, owner, field, pointer, out);
        }
    }

    private void object(JsonNode node, XsdType type, String pointer, boolean whole, List<String> out) {
        if (!node.isObject()) {
            out.add(pointer + ": " + kind(node) + " where " + type.name() + " needs an object");
            return;
        }
        if (type.openContent()) {
            return;
        }
        Set<String> present = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String at = pointer + "/" + escape(key);
            present.add(key);
            if (type.simpleContentBase() != null && key.equals("value")) {
                scalar(e.getValue(), type.simpleContentBase(), type, null, at, out);
                continue;
            }
            XsdType.Field field = type.fields().get(key);
            if (field == null) {
                out.add(at + ": unknown field \"" + key + "\" (not an element or attribute of " + type.name()
                        + " or its base types)");
            } else if (field.repeated()) {
                if (!e.getValue().isArray()) {
                    out.add(at + ": " + kind(e.getValue()) + " where " + type.name() + "." + key
                            + " repeats (maxOccurs > 1) and needs an array");
                } else {
                    for (int i = 0; i < e.getValue().size(); i++) {
                        value(e.getValue().get(i), field.type(), type, field, at + "/" + i, true, out);
                    }
                }
            } else if (e.getValue().isArray()) {
                out.add(at + ": an array where " + type.name() + "." + key + " occurs at most once (maxOccurs=1)");
            } else {
                value(e.getValue(), field.type(), type, field, at, true, out);
            }
        }
        if (type.simpleContentBase() != null && !present.contains("value")) {
            out.add(pointer + ": no \"value\" (the text of " + type.name() + ", e.g. the referenced Id)");
        }
        choices(type, present, pointer, whole, out);
        if (whole) {
            type.fields().values().stream()
                    .filter(f -> f.required() && !present.contains(f.name()) && !NOT_REQUIRED_HERE.contains(f.name()))
                    .forEach(f -> out.add(pointer + "/" + escape(f.name()) + ": missing, " + type.name() + " requires it (minOccurs ≥ 1)"));
        }
        lineDetail(node, type, present, pointer, out);
    }

    private static void choices(XsdType type, Set<String> present, String pointer, boolean whole, List<String> out) {
        for (XsdType.Choice choice : type.choices()) {
            List<String> sent = choice.members().stream().filter(present::contains).sorted().toList();
            if (choice.atMostOne() && sent.size() > 1) {
                out.add(pointer + ": " + sent + " together, but " + type.name() + " allows only one of them (xs:choice)");
            }
            if (whole && choice.required() && sent.isEmpty() && !CHOICE_NOT_REQUIRED_IN.contains(type.name())) {
                out.add(pointer + ": none of " + new TreeSet<>(choice.members()) + ", " + type.name() + " requires one");
            }
        }
    }

    /**
     * Line polymorphism: Line carries a DetailType and at most one *LineDetail element, and QBO reads the detail
     * that DetailType names. A detail without DetailType, or under another DetailType, is a request QBO rejects.
     */
    private static void lineDetail(JsonNode node, XsdType type, Set<String> present, String pointer, List<String> out) {
        XsdType.Field detailType = type.fields().get("DetailType");
        if (detailType == null || !detailType.type().equals("LineDetailTypeEnum")) {
            return;
        }
        List<String> details = present.stream()
                .filter(k -> k.endsWith("LineDetail") && type.fields().containsKey(k) && type.fields().get(k).choice() >= 0)
                .toList();
        if (details.isEmpty()) {
            return;
        }
        JsonNode named = node.get("DetailType");
        if (named == null || !named.isTextual()) {
            out.add(pointer + "/DetailType: missing, but the line carries " + details.get(0));
            return;
        }
        String expected = DETAIL_ELEMENT_OF.getOrDefault(named.asText(), named.asText());
        for (String detail : details) {
            if (!detail.equals(expected)) {
                out.add(pointer + "/" + detail + ": DetailType is \"" + named.asText() + "\", so QBO reads " + expected + ", not " + detail);
            }
        }
    }

    private void scalar(JsonNode node, String type, XsdType owner, XsdType.Field field, String pointer, List<String> out) {
        String builtin = model.builtin(type);
        if (node.isContainerNode()) {
            out.add(pointer + ": " + kind(node) + " where " + type + " needs a plain value");
            return;
        }
        switch (builtin) {
            case "xs:anyType" -> { }
            case "xs:decimal" -> number(node, type, false, null, field, pointer, out);
            case "xs:int" -> number(node, type, true, new BigDecimal[]{INT_MIN, INT_MAX}, field, pointer, out);
            case "xs:long", "xs:integer" -> number(node, type, true, null, field, pointer, out);
            case "xs:positiveInteger" -> number(node, type, true, new BigDecimal[]{BigDecimal.ONE, null}, field, pointer, out);
            case "xs:boolean" -> {
                if (!node.isBoolean()) {
                    out.add(pointer + ": " + kind(node) + " where xs:boolean needs true or false");
                }
            }
            case "xs:date" -> text(node, type, pointer, out, DATE, "a date (yyyy-MM-dd)");
            case "xs:dateTime" -> text(node, type, pointer, out, DATE_TIME, "a dateTime (yyyy-MM-ddTHH:mm:ss with optional zone)");
            default -> string(node, type, owner, field, pointer, out);
        }
    }

    private void string(JsonNode node, String type, XsdType owner, XsdType.Field field, String pointer, List<String> out) {
        if (!node.isTextual()) {
            out.add(pointer + ": " + kind(node) + " where " + type + " needs a string");
            return;
        }
        String s = node.asText();
        XsdType.Simple simple = model.simpleType(type).orElse(null);
        String enumName = field == null ? null : ENUM_BY_FIELD.get(owner.name() + "." + field.name());
        XsdType.Simple enumeration = enumName != null ? model.simpleType(enumName).orElse(null) : simple;
        if (enumeration != null && !enumeration.enumeration().isEmpty() && !enumeration.enumeration().contains(s)
                && !(enumName != null && EXTRA_ENUM_VALUES.contains(s))) {
            out.add(pointer + ": \"" + s + "\" is not one of " + enumeration.name() + " " + enumeration.enumeration());
        }
        if (simple != null && simple.maxLength() != null && s.length() > simple.maxLength()) {
            out.add(pointer + ": " + s.length() + " characters, " + type + " allows " + simple.maxLength() + " (maxLength)");
        }
        if (simple != null && simple.minLength() != null && s.length() < simple.minLength()) {
            out.add(pointer + ": " + s.length() + " characters, " + type + " needs " + simple.minLength() + " (minLength)");
        }
        if (field != null && field.rangeMax() != null && s.length() > field.rangeMax().intValue()) {
            out.add(pointer + ": " + s.length() + " characters, the XSD documents at most " + field.rangeMax().intValue()
                    + " for " + field.name() + " (ValidRange: QBO)");
        }
    }

    private static void text(JsonNode node, String type, String pointer, List<String> out, Pattern lexical, String what) {
        Matcher m = node.isTextual() ? lexical.matcher(node.asText()) : null;
        boolean ok = m != null && m.matches();
        if (ok) {
            try {
                if (lexical == DATE) {
                    LocalDate.parse(m.group(1));
                } else {
                    LocalDateTime.parse(m.group(1));
                }
            } catch (DateTimeParseException e) {
                ok = false;
            }
        }
        if (!ok) {
            out.add(pointer + ": " + (node.isTextual() ? "\"" + node.asText() + "\"" : kind(node)) + " is not " + what + " (" + type + ")");
        }
    }

    private static void number(JsonNode node, String type, boolean integral, BigDecimal[] bounds, XsdType.Field field,
                               String pointer, List<String> out) {
        if (!node.isNumber()) {
            out.add(pointer + ": " + kind(node) + " where " + type + " needs a JSON number");
            return;
        }
        BigDecimal v = node.decimalValue();
        if (integral && v.stripTrailingZeros().scale() > 0) {
            out.add(pointer + ": " + v.toPlainString() + " is not a whole number (" + type + ")");
        }
        BigDecimal min = field != null && field.rangeMin() != null ? field.rangeMin() : bounds == null ? null : bounds[0];
        BigDecimal max = field != null && field.rangeMax() != null ? field.rangeMax() : bounds == null ? null : bounds[1];
        if ((min != null && v.compareTo(min) < 0) || (max != null && v.compareTo(max) > 0)) {
            out.add(pointer + ": " + v.toPlainString() + " is outside [" + (min == null ? "" : min) + ", "
                    + (max == null ? "" : max) + "] (" + type + ")");
        }
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string \"" + node.asText() + "\"";
        }
        return node.isNumber() ? "a number " + node.asText() : node.isBoolean() ? "a boolean" : node.getNodeType().toString();
    }

    /** RFC 6901: "~" and "/" inside a key. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
