package io.javeze.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes a JSON tree as AWS-style XML (StAX) and reads request XML bodies (Jackson XML). */
public final class Xml {
    private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();

    private Xml() {}

    /** Loaded on first use: only S3's tagging bodies need an XML reader, and it is slow to load. */
    private static final class Reader {
        static final XmlMapper MAPPER = new XmlMapper();
    }

    public static String write(String rootName, JsonNode tree) {
        StringWriter sw = new StringWriter();
        try {
            XMLStreamWriter w = OUT.createXMLStreamWriter(sw);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(rootName);
            children(w, tree);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }

    private static void children(XMLStreamWriter w, JsonNode node) throws XMLStreamException {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            w.writeCharacters(node.asText());
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().isArray()) {
                for (JsonNode item : e.getValue()) {
                    element(w, e.getKey(), item);
                }
            } else {
                element(w, e.getKey(), e.getValue());
            }
        }
    }

    private static void element(XMLStreamWriter w, String name, JsonNode value) throws XMLStreamException {
        w.writeStartElement(name);
        children(w, value);
        w.writeEndElement();
    }

    /** Parses an XML body into a tree; repeated elements become arrays. */
    public static JsonNode read(byte[] body) {
        try {
            return Reader.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AwsException(400, "MalformedXML",
                    "The XML you provided was not well-formed or did not validate against our published schema");
        }
    }
}
