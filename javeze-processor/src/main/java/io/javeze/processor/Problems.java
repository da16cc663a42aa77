package io.javeze.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports compile errors on the element (and annotation) the user has to fix, and remembers whether any occurred. */
final class Problems {
    private final Messager messager;
    private int errors;

    Problems(Messager messager) {
        this.messager = messager;
    }

    void error(Element element, AnnotationMirror annotation, String message) {
        errors++;
        if (annotation == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element);
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
        }
    }

    void error(Element element, String message) {
        error(element, null, message);
    }

    void error(String message) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message);
    }

    void note(String message) {
        messager.printMessage(Diagnostic.Kind.NOTE, message);
    }

    int errors() {
        return errors;
    }
}
