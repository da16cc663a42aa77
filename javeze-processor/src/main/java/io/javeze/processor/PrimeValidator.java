package io.javeze.processor;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Checks {@code @Prime} methods: the generated handlers of the same class call them as {@code Owner.name()}. */
final class PrimeValidator {
    private final Problems problems;
    private final Elements elements;
    private final Types types;

    PrimeValidator(Problems problems, Elements elements, Types types) {
        this.problems = problems;
        this.elements = elements;
        this.types = types;
    }

    void check(ExecutableElement method, List<String> functionAnnotations) {
        String name = method.getSimpleName().toString();
        if (!method.getModifiers().contains(Modifier.PUBLIC) || !method.getModifiers().contains(Modifier.STATIC)) {
            problems.error(method, "@Prime method " + name + " must be public static (the generated handlers call it before any instance exists)");
        }
        if (!method.getParameters().isEmpty()) {
            problems.error(method, "@Prime method " + name + " must take no parameters");
        }
        if (!method.getTypeParameters().isEmpty()) {
            problems.error(method, "@Prime method " + name + " must not be generic");
        }
        TypeMirror exception = elements.getTypeElement("java.lang.Exception").asType();
        for (TypeMirror thrown : method.getThrownTypes()) {
            if (!types.isAssignable(thrown, exception)) {
                problems.error(method, "@Prime method " + name + " may throw exceptions, not " + thrown);
            }
        }
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        for (Element e = owner; e instanceof TypeElement type; e = e.getEnclosingElement()) {
            if (!type.getModifiers().contains(Modifier.PUBLIC)) {
                problems.error(method, "@Prime method " + name + ": class " + type.getQualifiedName() + " must be public for the generated handlers to call it");
                return;
            }
        }
        boolean hasFunction = ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
                .anyMatch(m -> m.getAnnotationMirrors().stream()
                        .anyMatch(a -> functionAnnotations.contains(((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString())));
        if (!hasFunction) {
            problems.error(method, "@Prime method " + name + " is never run: " + owner.getQualifiedName()
                    + " has no @Route, @Auth, @Subscriber or @Schedule method (a @Prime method warms the functions of its own class)");
        }
    }
}
