package io.javeze.processor;

import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/** Questions about parameter and result types that several analyzers ask. */
final class JavaTypes {
    private final Types types;
    final ValueTypes values;

    JavaTypes(Types types) {
        this.types = types;
        this.values = new ValueTypes(types);
    }

    boolean isType(TypeMirror type, String qualifiedName) {
        return type.getKind() == TypeKind.DECLARED && types.erasure(type).toString().equals(qualifiedName);
    }

    record JsonShape(JsonKind kind, String classLiteral) {}

    enum JsonKind { BEAN, LIST, MAP }

    /** How JSON decodes into the type: a record/POJO, a {@code List} of one, or {@code Map<String, Object>}; null if it cannot. */
    JsonShape jsonShape(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) return null;
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        String erased = types.erasure(type).toString();
        List<? extends TypeMirror> args = declared.getTypeArguments();
        if (erased.equals("java.util.List") && args.size() == 1 && args.get(0).getKind() == TypeKind.DECLARED
                && ((DeclaredType) args.get(0)).getTypeArguments().isEmpty()) {
            return new JsonShape(JsonKind.LIST, types.erasure(args.get(0)) + ".class");
        }
        if (erased.equals("java.util.Map") && args.size() == 2 && isType(args.get(0), "java.lang.String")
                && isType(args.get(1), "java.lang.Object")) {
            return new JsonShape(JsonKind.MAP, null);
        }
        boolean concreteUserType = args.isEmpty() && (element.getKind() == ElementKind.CLASS || element.getKind() == ElementKind.RECORD)
                && !element.getModifiers().contains(Modifier.ABSTRACT) && !erased.startsWith("java.")
                && !values.isValue(type) && !isType(type, MethodAnalyzer.REQUEST) && !isType(type, MethodAnalyzer.RESPONSE) && !isType(type, MethodAnalyzer.HTTP_EVENT);
        return concreteUserType ? new JsonShape(JsonKind.BEAN, erased + ".class") : null;
    }

}
