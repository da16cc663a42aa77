package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * XML documents read into and written from shaped values by the model's XML traits (StAX): members by their
 * {@code locationName}, flattened lists as repeated elements, wrapped lists with their item's name ({@code member} by
 * default), maps as {@code entry/key/value}, {@code xmlAttribute} members as attributes, timestamps in ISO-8601.
 */
final class XmlShapes {
    private static final XMLInputFactory IN = XMLInputFactory.newFactory();
    private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();

    static {
        IN.setProperty(XMLInputFactory.SUPPORT_DTD, false); // no entities: a request body cannot make the cloud read files
        IN.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        IN.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    private XmlShapes() {}

    // ---- reading

    /** The document's root element as a value of {@code shape}; malformed XML is S3's MalformedXML. */
    static JsonNode read(byte[] xml, Shape shape) {
        try {
            XMLStreamReader r = IN.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                r.nextTag();
                return value(r, shape, null);
            } finally {
                r.close();
            }
        } catch (XMLStreamException | IllegalStateException e) {
            throw malformed(e.getMessage());
        }
    }

    /** Reads the element the reader is on (a START_ELEMENT) and leaves the reader on its END_ELEMENT. */
    private static JsonNode value(XMLStreamReader r, Shape shape, Shape.Member member) throws XMLStreamException {
        return switch (shape.type()) {
            case "structure" -> structure(r, shape);
            case "list" -> {
                ArrayNode list = Json.array();
                while (r.nextTag() == XMLStreamReader.START_ELEMENT) {
                    list.add(value(r, shape.listMember().shape(), shape.listMember()));
                }
                yield list;
            }
            case "map" -> {
                ObjectNode map = Json.object();
                while (r.nextTag() == XMLStreamReader.START_ELEMENT) {
                    entry(r, shape, map);
                }
                yield map;
            }
            default -> ShapeValues.fromText(shape, r.getElementText(), member == null ? shape.name() : member.name(),
                    member == null ? shape.timestampFormat() : member.timestampFormat());
        };
    }

    private static ObjectNode structure(XMLStreamReader r, Shape shape) throws XMLStreamException {
        ObjectNode out = Json.object();
        for (Shape.Member m : shape.members().values()) {
            if (m.xmlAttribute()) {
                String v = attribute(r, m.wireName());
                if (v != null) {
                    out.set(m.name(), ShapeValues.fromText(m.shape(), v, m.name(), m.timestampFormat()));
                }
            }
        }
        while (r.nextTag() == XMLStreamReader.START_ELEMENT) {
            Shape.Member m = memberNamed(shape, r.getLocalName());
            if (m == null) {
                skip(r);
            } else if (m.flattened() && m.shape().type().equals("list")) {
                out.withArray(m.name()).add(value(r, m.shape().listMember().shape(), m.shape().listMember()));
            } else if (m.flattened() && m.shape().type().equals("map")) {
                entry(r, m.shape(), out.with(m.name()));
            } else {
                out.set(m.name(), value(r, m.shape(), m));
            }
        }
        return out;
    }

    /** One map entry: an element holding the key and value elements. */
    private static void entry(XMLStreamReader r, Shape map, ObjectNode into) throws XMLStreamException {
        String keyName = name(map.mapKey(), "key");
        String valueName = name(map.mapValue(), "value");
        String key = null;
        JsonNode value = null;
        while (r.nextTag() == XMLStreamReader.START_ELEMENT) {
            if (r.getLocalName().equals(keyName)) {
                key = r.getElementText();
            } else if (r.getLocalName().equals(valueName)) {
                value = value(r, map.mapValue().shape(), map.mapValue());
            } else {
                skip(r);
            }
        }
        if (key != null && value != null) {
            into.set(key, value);
        }
    }

    private static Shape.Member memberNamed(Shape shape, String element) {
        for (Shape.Member m : shape.members().values()) {
            if (!m.xmlAttribute() && m.location() == null && m.wireName().equals(element)) {
                return m;
            }
        }
        return null;
    }

    private static String attribute(XMLStreamReader r, String name) {
        int colon = name.indexOf(':');
        String local = colon < 0 ? name : name.substring(colon + 1);
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (r.getAttributeLocalName(i).equals(local)) {
                return r.getAttributeValue(i);
            }
        }
        return null;
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        for (int depth = 1; depth > 0; ) {
            int event = r.next();
            if (event == XMLStreamReader.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamReader.END_ELEMENT) {
                depth--;
            }
        }
    }

    static AwsException malformed(String detail) {
        return new AwsException(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against "
                + "our published schema" + (detail == null ? "" : ": " + detail));
    }

    // ---- writing

    /** A document whose root element {@code rootName} (in {@code namespace}, if any) holds {@code value}'s members. */
    static byte[] write(String rootName, String namespace, Shape shape, JsonNode value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = OUT.createXMLStreamWriter(bytes, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(rootName);
            if (namespace != null) {
                w.writeDefaultNamespace(namespace);
            }
            content(w, shape, value);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** The members of a structure (body members only), or a list's items, or a map's entries, or a scalar's text. */
    private static void content(XMLStreamWriter w, Shape shape, JsonNode value) throws XMLStreamException {
        switch (shape.type()) {
            case "structure" -> {
                for (Shape.Member m : shape.members().values()) {
                    JsonNode v = value.get(m.name());
                    if (m.xmlAttribute() && v != null && !v.isNull()) {
                        w.writeAttribute(m.wireName(), ShapeValues.toText(m.shape(), v, format(m)));
                    }
                }
                for (Shape.Member m : shape.members().values()) {
                    JsonNode v = value.get(m.name());
                    if (v != null && !v.isNull() && !m.xmlAttribute() && m.location() == null) {
                        member(w, m, v);
                    }
                }
            }
            case "list" -> {
                String item = name(shape.listMember(), "member");
                for (JsonNode v : value) {
                    element(w, item, shape.listMember(), v);
                }
            }
            case "map" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    w.writeStartElement("entry");
                    entryContent(w, shape, it.next());
                    w.writeEndElement();
                }
            }
            default -> w.writeCharacters(ShapeValues.toText(shape, value, "iso8601"));
        }
    }

    private static void member(XMLStreamWriter w, Shape.Member m, JsonNode v) throws XMLStreamException {
        if (m.flattened() && m.shape().type().equals("list")) {
            for (JsonNode item : v) {
                element(w, m.wireName(), m.shape().listMember(), item);
            }
        } else if (m.flattened() && m.shape().type().equals("map")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                w.writeStartElement(m.wireName());
                entryContent(w, m.shape(), it.next());
                w.writeEndElement();
            }
        } else {
            element(w, m.wireName(), m, v);
        }
    }

    private static void entryContent(XMLStreamWriter w, Shape map, Map.Entry<String, JsonNode> e) throws XMLStreamException {
        w.writeStartElement(name(map.mapKey(), "key"));
        w.writeCharacters(e.getKey());
        w.writeEndElement();
        element(w, name(map.mapValue(), "value"), map.mapValue(), e.getValue());
    }

    private static void element(XMLStreamWriter w, String name, Shape.Member m, JsonNode v) throws XMLStreamException {
        w.writeStartElement(name);
        if (m.shape().isStructure() || m.shape().type().equals("list") || m.shape().type().equals("map")) {
            content(w, m.shape(), v);
        } else {
            w.writeCharacters(ShapeValues.toText(m.shape(), v, format(m)));
        }
        w.writeEndElement();
    }

    private static String format(Shape.Member m) {
        return m.timestampFormat() == null ? "iso8601" : m.timestampFormat();
    }

    private static String name(Shape.Member m, String fallback) {
        String n = Shape.text(m.traits(), "locationName");
        return n == null ? fallback : n;
    }
}
