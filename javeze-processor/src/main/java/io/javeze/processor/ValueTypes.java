package io.javeze.processor;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/** The types a path, query, header, cookie or authorizer context value converts to, and the conversion code. */
final class ValueTypes {
    static final String SUPPORTED = "String, int, long, double, boolean, their boxed types, java.util.UUID, an enum, or Optional of these";

    private static final Map<String, String> CONVERTERS = Map.ofEntries(
            Map.entry("int", "toInteger"), Map.entry("java.lang.Integer", "toInteger"),
            Map.entry("long", "toLong"), Map.entry("java.lang.Long", "toLong"),
            Map.entry("double", "toDouble"), Map.entry("java.lang.Double", "toDouble"),
            Map.entry("boolean", "toBoolean"), Map.entry("java.lang.Boolean", "toBoolean"),
            Map.entry("java.util.UUID", "toUuid"));

    private final Types types;

    ValueTypes(Types types) {
        this.types = types;
    }

    /** Whether the type binds from text (so an unannotated parameter of it is a path variable, not a body). */
    boolean isValue(TypeMirror type) {
        return conversion(type, "raw", "what") != null || optionalElement(type) != null;
    }

    boolean isOptional(TypeMirror type) {
        return optionalElement(type) != null;
    }

    /**
     * Java code turning the String expression {@code raw} into the type, or null if the type is not supported.
     * {@code what} is the description used in 400 messages.
     */
    String conversion(TypeMirror type, String raw, String what) {
        TypeMirror element = optionalElement(type);
        if (element != null) {
            String inner = conversion(element, raw, what);
            return inner == null || element.getKind().isPrimitive() ? null : "java.util.Optional.ofNullable(" + inner + ")";
        }
        String name = type.getKind().isPrimitive() ? type.toString() : types.erasure(type).toString();
        if (name.equals("java.lang.String")) return raw;
        String converter = CONVERTERS.get(name);
        if (converter != null) return "Convert." + converter + "(" + raw + ", " + what + ")";
        if (type.getKind() == TypeKind.DECLARED && types.asElement(type).getKind() == ElementKind.ENUM) {
            return "Convert.toEnum(" + name + ".class, " + raw + ", " + what + ")";
        }
        return null;
    }

    /**
     * For a {@code List<T>} or {@code Set<T>} of a value type T (no Optional), the code collecting the texts of a
     * repeated query parameter ({@code raw}, a {@code List<String>}) into it; null for other types.
     */
    String collectionConversion(TypeMirror type, String raw, String what) {
        if (type.getKind() != TypeKind.DECLARED) return null;
        String erased = types.erasure(type).toString();
        boolean list = erased.equals("java.util.List") || erased.equals("java.util.Collection");
        if (!list && !erased.equals("java.util.Set")) return null;
        List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
        if (args.size() != 1 || optionalElement(args.get(0)) != null) return null;
        String element = conversion(args.get(0), "value$", what);
        if (element == null) return null;
        return "Convert." + (list ? "toList" : "toSet") + "(" + raw + ", value$ -> " + element + ")";
    }

    private TypeMirror optionalElement(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) return null;
        DeclaredType declared = (DeclaredType) type;
        if (!types.erasure(type).toString().equals("java.util.Optional") || declared.getTypeArguments().size() != 1) return null;
        return declared.getTypeArguments().get(0);
    }
}
