package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a query-protocol answer from an output shape, as the SDKs read it: {@code <OpResponse xmlns="...">}, the
 * operation's {@code resultWrapper} holding the members (each under its {@code locationName}, else its name), then
 * {@code <ResponseMetadata><RequestId>}. Lists are wrapped ({@code <member>}, or the list member's
 * {@code locationName}) unless flattened; maps are {@code <entry><key/><value/></entry>} (or the key's and value's
 * names), flattened ones repeat the member's element; timestamps ISO-8601, blobs base64, booleans lower-case.
 */
final class QueryXml {
    private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();

    private QueryXml() {}

    static String response(ServiceModel model, ServiceModel.Operation operation, ObjectNode output, String requestId) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter w = OUT.createXMLStreamWriter(text);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(operation.name() + "Response");
            if (model.xmlNamespace() != null) {
                w.writeDefaultNamespace(model.xmlNamespace());
            }
            Shape shape = operation.output();
            if (shape != null) {
                String wrapper = operation.resultWrapper();
                if (wrapper != null) {
                    w.writeStartElement(wrapper);
                }
                members(w, shape, output);
                if (wrapper != null) {
                    w.writeEndElement();
                }
            }
            w.writeStartElement("ResponseMetadata");
            w.writeStartElement("RequestId");
            w.writeCharacters(requestId);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the " + operation.name() + " response", e);
        }
        return text.toString();
    }

    /** A structure's members that have a value, in the model's order. */
    private static void members(XMLStreamWriter w, Shape shape, JsonNode value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        for (Shape.Member m : shape.members().values()) {
            JsonNode v = value.get(m.name());
            if (v != null && !v.isNull()) {
                member(w, elementName(m), m, v);
            }
        }
    }

    private static String elementName(Shape.Member m) {
        return m.xmlName() == null ? m.name() : m.xmlName();
    }

    /** One value under {@code name}; flattened lists and maps repeat {@code name} instead of wrapping their items. */
    private static void member(XMLStreamWriter w, String name, Shape.Member ref, JsonNode value) throws XMLStreamException {
        Shape shape = ref.shape();
        switch (shape.type()) {
            case "list" -> list(w, name, ref, value);
            case "map" -> map(w, name, ref, value);
            case "structure" -> {
                w.writeStartElement(name);
                members(w, shape, value);
                w.writeEndElement();
            }
            default -> {
                w.writeStartElement(name);
                w.writeCharacters(scalar(ref, value));
                w.writeEndElement();
            }
        }
    }

    private static void list(XMLStreamWriter w, String name, Shape.Member ref, JsonNode value) throws XMLStreamException {
        Shape.Member item = ref.shape().listMember();
        if (ref.flattened()) {
            String itemName = item.xmlName() == null ? name : item.xmlName();
            for (JsonNode v : value) {
                member(w, itemName, item, v);
            }
            return;
        }
        w.writeStartElement(name);
        for (JsonNode v : value) {
            member(w, item.xmlName() == null ? "member" : item.xmlName(), item, v);
        }
        w.writeEndElement();
    }

    private static void map(XMLStreamWriter w, String name, Shape.Member ref, JsonNode value) throws XMLStreamException {
        Shape.Member key = ref.shape().mapKey();
        Shape.Member val = ref.shape().mapValue();
        String keyName = key.xmlName() == null ? "key" : key.xmlName();
        String valueName = val.xmlName() == null ? "value" : val.xmlName();
        boolean flattened = ref.flattened();
        if (!flattened) {
            w.writeStartElement(name);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            w.writeStartElement(flattened ? name : "entry");
            w.writeStartElement(keyName);
            w.writeCharacters(e.getKey());
            w.writeEndElement();
            if (e.getValue() != null && !e.getValue().isNull()) {
                member(w, valueName, val, e.getValue());
            }
            w.writeEndElement();
        }
        if (!flattened) {
            w.writeEndElement();
        }
    }

    private static String scalar(Shape.Member ref, JsonNode value) {
        if (value.isContainerNode()) {
            return value.toString(); // a JSON document kept as such (a policy, a filter policy) in a string member
        }
        String format = ref.timestampFormat();
        return ShapeValues.toText(ref.shape(), value, format == null ? "iso8601" : format);
    }
}
