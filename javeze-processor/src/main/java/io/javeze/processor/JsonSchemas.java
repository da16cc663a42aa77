package io.javeze.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The JSON Schema (2020-12, as OpenAPI 3.1 uses it) of the values routes bind and return, as javeze's runtime reads
 * and writes them: records by their components in declaration order, POJOs by public fields and getters, enums by
 * their constant names, java.time as ISO-8601 strings. Records and POJOs become named components
 * ({@code $ref: #/components/schemas/<qualified name>}), so nesting and recursion stay finite. A type JSON cannot
 * describe is a compile error on the element that declares it.
 */
final class JsonSchemas {
    static final String REF_PREFIX = "#/components/schemas/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String[]> SCALARS = Map.ofEntries(
            Map.entry("java.lang.String", new String[] {"string", null}),
            Map.entry("java.lang.CharSequence", new String[] {"string", null}),
            Map.entry("char", new String[] {"string", null}), Map.entry("java.lang.Character", new String[] {"string", null}),
            Map.entry("int", new String[] {"integer", "int32"}), Map.entry("java.lang.Integer", new String[] {"integer", "int32"}),
            Map.entry("short", new String[] {"integer", "int32"}), Map.entry("java.lang.Short", new String[] {"integer", "int32"}),
            Map.entry("byte", new String[] {"integer", "int32"}), Map.entry("java.lang.Byte", new String[] {"integer", "int32"}),
            Map.entry("long", new String[] {"integer", "int64"}), Map.entry("java.lang.Long", new String[] {"integer", "int64"}),
            Map.entry("java.math.BigInteger", new String[] {"integer", null}),
            Map.entry("double", new String[] {"number", "double"}), Map.entry("java.lang.Double", new String[] {"number", "double"}),
            Map.entry("float", new String[] {"number", "float"}), Map.entry("java.lang.Float", new String[] {"number", "float"}),
            Map.entry("java.math.BigDecimal", new String[] {"number", null}),
            Map.entry("boolean", new String[] {"boolean", null}), Map.entry("java.lang.Boolean", new String[] {"boolean", null}),
            Map.entry("java.util.UUID", new String[] {"string", "uuid"}),
            Map.entry("java.time.Instant", new String[] {"string", "date-time"}),
            Map.entry("java.time.OffsetDateTime", new String[] {"string", "date-time"}),
            Map.entry("java.time.ZonedDateTime", new String[] {"string", "date-time"}),
            Map.entry("java.time.LocalDate", new String[] {"string", "date"}),
            Map.entry("java.time.LocalDateTime", new String[] {"string", null}),
            Map.entry("java.time.LocalTime", new String[] {"string", null}),
            Map.entry("java.time.Duration", new String[] {"string", "duration"}),
            // JDK types jackson-jr writes as text or, for dates, as epoch milliseconds
            Map.entry("java.net.URI", new String[] {"string", "uri"}), Map.entry("java.net.URL", new String[] {"string", "uri"}),
            Map.entry("java.io.File", new String[] {"string", null}), Map.entry("java.util.Locale", new String[] {"string", null}),
            Map.entry("java.util.Currency", new String[] {"string", null}), Map.entry("java.util.TimeZone", new String[] {"string", null}),
            Map.entry("java.util.Date", new String[] {"integer", "int64"}), Map.entry("java.util.Calendar", new String[] {"integer", "int64"}));
    private static final Set<String> COLLECTIONS = Set.of("java.util.List", "java.util.Collection", "java.util.Set",
            "java.util.SortedSet", "java.lang.Iterable");

    private final Types types;
    private final Elements elements;
    private final Problems problems;
    /** Component schemas by qualified name; an entry exists (maybe still empty) as soon as a type is being described. */
    private final Map<String, ObjectNode> components = new TreeMap<>();

    JsonSchemas(Types types, Elements elements, Problems problems) {
        this.types = types;
        this.elements = elements;
        this.problems = problems;
    }

    /** The components described so far. */
    Map<String, JsonNode> components() {
        return new TreeMap<>(components);
    }

    /**
     * Describes a record or POJO already named in a manifest (a route kept from an earlier compile), so its schema is
     * today's; false when the type no longer exists.
     */
    boolean refresh(String qualifiedName) {
        if (components.containsKey(qualifiedName)) return true;
        TypeElement type = elements.getTypeElement(qualifiedName);
        if (type == null) return false;
        return schema(type.asType(), type, "type " + qualifiedName) != null;
    }

    /**
     * The schema of {@code type}, or null after reporting on {@code where} why JSON cannot describe it.
     *
     * @param what how the error names the value, e.g. "request body parameter 'pet'"
     */
    ObjectNode of(TypeMirror type, Element where, String what) {
        return schema(type, where, what);
    }

    /** The schema of a value type the binding already accepted (path, query, header values); never reports. */
    ObjectNode valueSchema(TypeMirror type) {
        ObjectNode schema = schema(type, null, null);
        return schema == null ? NODES.objectNode() : schema;
    }

    private ObjectNode schema(TypeMirror type, Element where, String what) {
        switch (type.getKind()) {
            case TYPEVAR, WILDCARD -> {
                return unsupported(type, where, what, "a type variable has no schema; use a concrete type");
            }
            case ERROR, NONE, NULL, EXECUTABLE, INTERSECTION, UNION, VOID -> {
                return unsupported(type, where, what, "not a value type");
            }
            default -> { }
        }
        if (type.getKind() == TypeKind.ARRAY) {
            TypeMirror component = ((ArrayType) type).getComponentType();
            if (component.getKind() == TypeKind.BYTE) return scalar("string", null).put("contentEncoding", "base64");
            ObjectNode items = schema(component, where, what);
            return items == null ? null : array(items, false);
        }
        String name = type.getKind().isPrimitive() ? type.toString() : types.erasure(type).toString();
        String[] scalar = SCALARS.get(name);
        if (scalar != null) return scalar(scalar[0], scalar[1]);
        if (type.getKind() != TypeKind.DECLARED) return unsupported(type, where, what, "not a value type");
        DeclaredType declared = (DeclaredType) type;
        List<? extends TypeMirror> args = declared.getTypeArguments();
        TypeElement element = (TypeElement) declared.asElement();
        if (name.equals("java.util.Optional")) {
            return args.size() == 1 ? schema(args.get(0), where, what) : unsupported(type, where, what, "give Optional a type argument");
        }
        if (COLLECTIONS.contains(name)) {
            if (args.size() != 1) return unsupported(type, where, what, "give " + element.getSimpleName() + " its element type");
            ObjectNode items = schema(args.get(0), where, what);
            return items == null ? null : array(items, name.contains("Set"));
        }
        if (name.equals("java.util.Map") || name.equals("java.util.SortedMap")) {
            if (args.size() != 2 || !isKey(args.get(0))) {
                return unsupported(type, where, what, "JSON object keys are text; use Map<String, V> (or numbers, UUIDs, enums as keys)");
            }
            ObjectNode values = schema(args.get(1), where, what);
            if (values == null) return null;
            ObjectNode map = scalar("object", null);
            if (!values.isEmpty()) map.set("additionalProperties", values);
            return map;
        }
        if (name.equals("java.lang.Object")) return NODES.objectNode();
        if (element.getKind() == ElementKind.ENUM) {
            ArrayNode names = NODES.arrayNode();
            element.getEnclosedElements().stream().filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
                    .forEach(e -> names.add(e.getSimpleName().toString()));
            ObjectNode node = scalar("string", null);
            node.set("enum", names);
            return node;
        }
        if (!args.isEmpty()) return unsupported(type, where, what, "generic classes have no single schema; use a record without type parameters");
        if (name.startsWith("java.") || name.startsWith("javax.")) {
            return unsupported(type, where, what, "use a record, a POJO, a collection, a map or a scalar (String, numbers, boolean, UUID, java.time)");
        }
        if ((element.getKind() != ElementKind.CLASS && element.getKind() != ElementKind.RECORD)
                || element.getModifiers().contains(Modifier.ABSTRACT)) {
            return unsupported(type, where, what, "an interface or abstract class cannot be created from JSON; use a record or a concrete class");
        }
        return reference(element);
    }

    private boolean isKey(TypeMirror key) {
        if (key.getKind() != TypeKind.DECLARED) return false;
        String name = types.erasure(key).toString();
        String[] scalar = SCALARS.get(name);
        return (scalar != null && !scalar[0].equals("boolean")) || types.asElement(key).getKind() == ElementKind.ENUM;
    }

    private ObjectNode reference(TypeElement element) {
        String name = element.getQualifiedName().toString();
        if (!components.containsKey(name)) {
            ObjectNode object = scalar("object", null);
            components.put(name, object);
            fill(object, element);
        }
        return NODES.objectNode().put("$ref", REF_PREFIX + name);
    }

    /** Properties in declaration order; required are those JSON must carry (primitives: there is no null for them). */
    private void fill(ObjectNode object, TypeElement element) {
        Map<String, Map.Entry<TypeMirror, Element>> properties = new LinkedHashMap<>();
        if (element.getKind() == ElementKind.RECORD) {
            Map<String, VariableElement> fields = new LinkedHashMap<>();
            ElementFilter.fieldsIn(element.getEnclosedElements()).forEach(f -> fields.put(f.getSimpleName().toString(), f));
            for (RecordComponentElement component : element.getRecordComponents()) {
                String name = component.getSimpleName().toString();
                // javac gives a component's field a position in the source, the component itself none
                Element declaredAt = fields.containsKey(name) ? fields.get(name) : component;
                properties.put(name, Map.entry(component.asType(), declaredAt));
            }
        } else {
            for (VariableElement field : ElementFilter.fieldsIn(element.getEnclosedElements())) {
                Set<Modifier> modifiers = field.getModifiers();
                if (modifiers.contains(Modifier.PUBLIC) && !modifiers.contains(Modifier.STATIC) && !modifiers.contains(Modifier.TRANSIENT)) {
                    properties.put(field.getSimpleName().toString(), Map.entry(field.asType(), field));
                }
            }
            for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(element))) {
                String property = getterProperty(method);
                if (property != null) properties.putIfAbsent(property, Map.entry(method.getReturnType(), method));
            }
        }
        ObjectNode props = NODES.objectNode();
        List<String> required = new ArrayList<>();
        for (var property : properties.entrySet()) {
            TypeMirror type = property.getValue().getKey();
            Element declaredAt = property.getValue().getValue();
            ObjectNode schema = schema(type, declaredAt, "field '" + property.getKey() + "' of " + element.getQualifiedName());
            if (schema == null) continue;
            props.set(property.getKey(), schema);
            if (type.getKind().isPrimitive()) required.add(property.getKey());
        }
        object.set("properties", props);
        if (!required.isEmpty()) {
            ArrayNode names = object.putArray("required");
            required.forEach(names::add);
        }
    }

    private static String getterProperty(ExecutableElement method) {
        Set<Modifier> modifiers = method.getModifiers();
        if (!modifiers.contains(Modifier.PUBLIC) || modifiers.contains(Modifier.STATIC) || !method.getParameters().isEmpty()) return null;
        if (method.getEnclosingElement().toString().equals("java.lang.Object")) return null;
        String name = method.getSimpleName().toString();
        String rest;
        if (name.startsWith("get") && name.length() > 3 && method.getReturnType().getKind() != TypeKind.VOID) {
            rest = name.substring(3);
        } else if (name.startsWith("is") && name.length() > 2 && method.getReturnType().getKind() == TypeKind.BOOLEAN) {
            rest = name.substring(2);
        } else {
            return null;
        }
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
    }

    private ObjectNode unsupported(TypeMirror type, Element where, String what, String problem) {
        if (where != null) problems.error(where, what + " has type " + type + ", which JSON cannot describe: " + problem);
        return null;
    }

    private static ObjectNode scalar(String type, String format) {
        ObjectNode node = NODES.objectNode().put("type", type);
        if (format != null) node.put("format", format);
        return node;
    }

    private static ObjectNode array(ObjectNode items, boolean unique) {
        ObjectNode node = scalar("array", null);
        node.set("items", items);
        if (unique) node.put("uniqueItems", true);
        return node;
    }
}
