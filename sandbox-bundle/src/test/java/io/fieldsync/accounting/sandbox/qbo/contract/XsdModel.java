package io.fieldsync.accounting.sandbox.qbo.contract;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intuit's v3 XSDs read with the JDK's DOM parser into {@link XsdType}s: extension chains flattened, sequences,
 * choices, alls and group refs unnested, element refs to the abstract {@code IntuitObject} expanded to its
 * substitution group (the entities). Built once; read-only afterwards.
 */
final class XsdModel {

    static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final String ENTITY_HEAD = "IntuitObject";
    /** The schemas that include all the others (SalesTax.xsd → IntuitRestServiceDef.xsd → Finance.xsd → ...). */
    private static final List<String> ROOTS = List.of("SalesTax.xsd", "IntuitRestServiceDef.xsd", "Finance.xsd");
    /**
     * Intuit writes per-product limits into the documentation, e.g. "ValidRange: QBO: max=21" on DocNumber; the
     * QBW ones are for the desktop product and do not apply.
     */
    private static final Pattern VALID_RANGE = Pattern.compile("ValidRange:\\s*(?:QBO|ALL)\\s*:([^\\n]*)");
    private static final Pattern MIN = Pattern.compile("(?i)min\\s*=\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern MAX = Pattern.compile("(?i)max\\s*=\\s*(-?\\d+(?:\\.\\d+)?)");

    private final Map<String, Element> complexDefinitions = new HashMap<>();
    private final Map<String, Element> groups = new HashMap<>();
    private final Map<String, Element> topElements = new HashMap<>();
    private final Map<String, XsdType.Simple> simpleTypes = new HashMap<>();
    private final Map<String, XsdType> complexTypes = new HashMap<>();
    private final Map<String, String> entities = new TreeMap<>();
    private int choiceIds;

    private XsdModel() {
    }

    /** Reads the schema folder; the caller has checked that it holds Finance.xsd. */
    static XsdModel load(Path dir) {
        XsdModel model = new XsdModel();
        DocumentBuilder parser = parser();
        Deque<Path> pending = new ArrayDeque<>();
        ROOTS.stream().map(dir::resolve).filter(Files::exists).forEach(pending::add);
        Set<Path> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            Path file = pending.pop().normalize();
            if (seen.add(file)) {
                Element schema = parse(parser, file).getDocumentElement();
                for (Element include : children(schema, "include")) {
                    pending.add(file.resolveSibling(include.getAttribute("schemaLocation")));
                }
                model.collect(schema);
            }
        }
        model.complexDefinitions.keySet().forEach(model::complex);
        model.collectEntities();
        return model;
    }

    Optional<XsdType> complexType(String name) {
        return Optional.ofNullable(complexTypes.get(name));
    }

    Optional<XsdType.Simple> simpleType(String name) {
        return Optional.ofNullable(simpleTypes.get(name));
    }

    /** The entities (members of IntuitObject's substitution group): element name → type name. */
    Map<String, String> entities() {
        return Collections.unmodifiableMap(entities);
    }

    /** The built-in XSD type under a simple type name ({@code id} → {@code xs:string}). */
    String builtin(String type) {
        XsdType.Simple simple = simpleTypes.get(type);
        return simple == null ? type : simple.builtin();
    }

    private void collect(Element schema) {
        for (Element child : children(schema, null)) {
            String name = child.getAttribute("name");
            switch (child.getLocalName()) {
                case "complexType" -> complexDefinitions.put(name, child);
                case "simpleType" -> simpleTypes.put(name, simple(child));
                case "element" -> topElements.put(name, child);
                case "group" -> groups.put(name, child);
                default -> { }
            }
        }
    }

    private XsdType.Simple simple(Element definition) {
        Element restriction = first(definition, "restriction");
        if (restriction == null) {
            return new XsdType.Simple(definition.getAttribute("name"), "xs:string", Set.of(), null, null);
        }
        Set<String> values = new LinkedHashSet<>();
        children(restriction, "enumeration").forEach(e -> values.add(e.getAttribute("value")));
        return new XsdType.Simple(definition.getAttribute("name"), restriction.getAttribute("base"), values,
                facet(restriction, "minLength"), facet(restriction, "maxLength"));
    }

    private static Integer facet(Element restriction, String name) {
        Element facet = first(restriction, name);
        return facet == null ? null : Integer.valueOf(facet.getAttribute("value"));
    }

    /** The flattened type, built on first use; base types are built first so their keys come first. */
    private XsdType complex(String name) {
        XsdType done = complexTypes.get(name);
        if (done != null) {
            return done;
        }
        Element definition = complexDefinitions.get(name);
        Map<String, XsdType.Field> fields = new LinkedHashMap<>();
        List<XsdType.Choice> choices = new ArrayList<>();
        String simpleContentBase = null;
        boolean[] open = {false};
        Element body = definition;
        Element content = first(definition, "complexContent");
        if (content == null) {
            content = first(definition, "simpleContent");
        }
        if (content != null) {
            Element extension = first(content, "extension");
            String base = extension.getAttribute("base");
            if (complexDefinitions.containsKey(base)) {
                XsdType inherited = complex(base);
                fields.putAll(inherited.fields());
                choices.addAll(inherited.choices());
                simpleContentBase = inherited.simpleContentBase();
                open[0] = inherited.openContent();
            } else if (content.getLocalName().equals("simpleContent")) {
                simpleContentBase = base;
            }
            body = extension;
        }
        for (Element child : children(body, null)) {
            switch (child.getLocalName()) {
                case "sequence", "all", "choice", "group" -> particle(child, true, false, -1, fields, choices, open);
                case "attribute" -> fields.put(child.getAttribute("name"), new XsdType.Field(child.getAttribute("name"),
                        typeOf(child), true, "required".equals(child.getAttribute("use")), false, -1, null, null));
                default -> { }
            }
        }
        XsdType type = new XsdType(name, fields, List.copyOf(choices), simpleContentBase, open[0]);
        complexTypes.put(name, type);
        return type;
    }

    /**
     * One particle (element, compositor or group ref) with what its ancestors imply: {@code required} only if every
     * enclosing compositor is, {@code repeated} if any may repeat, {@code choice} the enclosing choice's id.
     */
    private void particle(Element p, boolean required, boolean repeated, int choice,
                          Map<String, XsdType.Field> fields, List<XsdType.Choice> choices, boolean[] open) {
        int min = p.hasAttribute("minOccurs") ? Integer.parseInt(p.getAttribute("minOccurs")) : 1;
        String maxText = p.hasAttribute("maxOccurs") ? p.getAttribute("maxOccurs") : "1";
        boolean many = repeated || maxText.equals("unbounded") || Integer.parseInt(maxText) > 1;
        boolean needed = required && min >= 1;
        switch (p.getLocalName()) {
            case "element" -> {
                Map<String, String> declared = declared(p);
                int within = choice;
                if (declared.size() > 1 && choice < 0) {
                    // A ref to the abstract entity head outside a choice (RecurringTransaction) is one of the
                    // entities, not all of them: an implicit choice.
                    within = choiceIds++;
                    choices.add(new XsdType.Choice(within, !many, needed, Set.copyOf(declared.keySet())));
                }
                for (Map.Entry<String, String> e : declared.entrySet()) {
                    fields.put(e.getKey(), new XsdType.Field(e.getKey(), e.getValue(), false, needed && within < 0, many,
                            within, range(p, MIN), range(p, MAX)));
                }
            }
            case "sequence", "all" -> children(p, null).forEach(c -> particle(c, needed, many, choice, fields, choices, open));
            case "group" -> children(groups.get(p.getAttribute("ref")), null)
                    .forEach(c -> particle(c, needed, many, choice, fields, choices, open));
            case "choice" -> {
                int id = choiceIds++;
                Set<String> members = new LinkedHashSet<>();
                boolean onlyElements = true;
                boolean everyMemberRequired = true;
                for (Element branch : children(p, null)) {
                    if (branch.getLocalName().equals("element")) {
                        members.addAll(declared(branch).keySet());
                        everyMemberRequired &= !"0".equals(branch.getAttribute("minOccurs"));
                        particle(branch, needed, many, id, fields, choices, open);
                    } else if (!branch.getLocalName().equals("annotation")) {
                        // A sequence inside a choice is a branch of several keys: "at most one key" would be wrong.
                        onlyElements = false;
                        particle(branch, false, many, -1, fields, choices, open);
                    }
                }
                choices.add(new XsdType.Choice(id, onlyElements && !many, needed && onlyElements && everyMemberRequired,
                        Set.copyOf(members)));
            }
            case "any" -> open[0] = true;
            default -> { }
        }
    }

    /** The element's JSON key(s) and type(s): a ref to the abstract entity head stands for every entity. */
    private Map<String, String> declared(Element element) {
        if (!element.hasAttribute("ref")) {
            return Map.of(element.getAttribute("name"), typeOf(element));
        }
        String ref = element.getAttribute("ref");
        if (ref.equals(ENTITY_HEAD)) {
            Map<String, String> members = new LinkedHashMap<>();
            topElements.forEach((name, top) -> {
                if (inEntityGroup(top)) {
                    members.put(name, typeOf(top));
                }
            });
            return members;
        }
        return Map.of(ref, typeOf(topElements.get(ref)));
    }

    private boolean inEntityGroup(Element top) {
        for (Element e = top; e != null && e.hasAttribute("substitutionGroup"); ) {
            String head = e.getAttribute("substitutionGroup");
            if (head.equals(ENTITY_HEAD)) {
                return true;
            }
            e = topElements.get(head);
        }
        return false;
    }

    private void collectEntities() {
        topElements.forEach((name, top) -> {
            if (inEntityGroup(top)) {
                entities.put(name, typeOf(top));
            }
        });
    }

    /** An element without a type attribute is xs:anyType (PriceLevel's Name, for one). */
    private static String typeOf(Element declaration) {
        return declaration.hasAttribute("type") ? declaration.getAttribute("type") : "xs:anyType";
    }

    private static BigDecimal range(Element element, Pattern bound) {
        Element annotation = first(element, "annotation");
        if (annotation == null) {
            return null;
        }
        Matcher validRange = VALID_RANGE.matcher(annotation.getTextContent());
        while (validRange.find()) {
            Matcher m = bound.matcher(validRange.group(1));
            if (m.find()) {
                return new BigDecimal(m.group(1));
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && XS.equals(e.getNamespaceURI())
                    && (localName == null || localName.equals(e.getLocalName()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element first(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Document parse(DocumentBuilder parser, Path file) {
        try {
            return parser.parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SAXException e) {
            throw new IllegalStateException("not an XSD: " + file, e);
        }
    }
}
