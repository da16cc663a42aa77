package io.javeze.processor;

import io.javeze.AuthContext;
import io.javeze.Body;
import io.javeze.Cookie;
import io.javeze.Header;
import io.javeze.Query;
import io.javeze.Route;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.ParameterSpec;
import io.javeze.config.manifest.ParameterSpec.Source;
import io.javeze.config.manifest.ResponseSpec;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.processor.Model.Argument;
import io.javeze.processor.Model.Function;
import io.javeze.processor.Model.ResultKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Validates an {@code @Route} method: path, parameter bindings and result type. */
final class RouteAnalyzer {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");

    private final Elements elements;
    private final Types types;
    private final Problems problems;
    private final JavaTypes javaTypes;
    private final MethodAnalyzer common;
    private final JsonSchemas schemas;

    RouteAnalyzer(ProcessingEnvironment env, Problems problems, JavaTypes javaTypes, MethodAnalyzer common, JsonSchemas schemas) {
        this.schemas = schemas;
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.problems = problems;
        this.javaTypes = javaTypes;
        this.common = common;
    }

    Function analyze(ExecutableElement method, Route route, int before) {
        AnnotationMirror mirror = MethodAnalyzer.mirror(method, "io.javeze.Route");
        String httpMethod = route.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(httpMethod)) {
            problems.error(method, mirror, "@Route method \"" + route.method() + "\" must be one of " + new TreeSet<>(METHODS));
        }
        PathTemplate path = null;
        try {
            path = PathTemplate.parse(route.path());
        } catch (IllegalArgumentException e) {
            problems.error(method, mirror, "@Route path \"" + route.path() + "\" " + e.getMessage());
        }
        String name = common.functionName(method, mirror, route.name());
        common.checkSizes(method, mirror, route.memorySize(), route.timeout());
        List<String> publishes = common.publishes(method);

        List<Argument> arguments = new ArrayList<>();
        Set<String> boundPathVariables = new HashSet<>();
        boolean body = false;
        boolean authContext = false;
        for (VariableElement parameter : method.getParameters()) {
            String javaName = parameter.getSimpleName().toString();
            TypeMirror type = parameter.asType();
            String typeName = type.toString();
            Query query = parameter.getAnnotation(Query.class);
            Header header = parameter.getAnnotation(Header.class);
            Cookie cookie = parameter.getAnnotation(Cookie.class);
            AuthContext context = parameter.getAnnotation(AuthContext.class);
            Body bodyAnnotation = parameter.getAnnotation(Body.class);
            int sources = (query != null ? 1 : 0) + (header != null ? 1 : 0) + (cookie != null ? 1 : 0)
                    + (context != null ? 1 : 0) + (bodyAnnotation != null ? 1 : 0);
            if (sources > 1) {
                problems.error(parameter, "parameter '" + javaName + "' can have only one of @Query, @Header, @Cookie, @AuthContext and @Body");
                continue;
            }
            if (query != null) {
                arguments.add(named(parameter, Source.QUERY, "query", "query parameter", query.value(), query.required(), query.defaultValue()));
            } else if (header != null) {
                arguments.add(named(parameter, Source.HEADER, "header", "header", header.value(), header.required(), header.defaultValue()));
            } else if (cookie != null) {
                arguments.add(named(parameter, Source.COOKIE, "cookie", "cookie", cookie.value(), cookie.required(), cookie.defaultValue()));
            } else if (context != null) {
                authContext = true;
                arguments.add(named(parameter, Source.AUTH_CONTEXT, "authContext", "authorizer context value", context.value(), context.required(), context.defaultValue()));
            } else if (javaTypes.isType(type, MethodAnalyzer.REQUEST)) {
                arguments.add(new Argument(javaName, typeName, "call.request()", spec(javaName, Source.REQUEST, typeName, false, null)));
            } else if (javaTypes.isType(type, MethodAnalyzer.HTTP_EVENT)) {
                arguments.add(new Argument(javaName, typeName, "(" + typeName + ") " + HandlerWriter.AWS_EVENT, spec(javaName, Source.REQUEST, typeName, false, null)));
            } else if (javaTypes.isType(type, MethodAnalyzer.CONTEXT)) {
                arguments.add(new Argument(javaName, typeName, "call.context()", spec(javaName, Source.REQUEST, typeName, false, null)));
            } else if (bodyAnnotation == null && path != null && path.variables().contains(javaName)) {
                boundPathVariables.add(javaName);
                String conversion = javaTypes.values.isOptional(type) ? null
                        : javaTypes.values.conversion(type, "call.path(\"" + javaName + "\")", MethodAnalyzer.quote("path parameter '" + javaName + "'"));
                if (conversion == null) {
                    problems.error(parameter, "path parameter '" + javaName + "' has unsupported type " + typeName + "; use " + ValueTypes.SUPPORTED.replace(", or Optional of these", ""));
                    continue;
                }
                arguments.add(new Argument(javaName, typeName, conversion, new ParameterSpec(javaName, Source.PATH, typeName, true, null,
                        schemas.valueSchema(type))));
            } else if (bodyAnnotation == null && javaTypes.values.isValue(type)) {
                if (path == null) continue; // the path's own error says enough
                problems.error(parameter, "parameter '" + javaName + "' matches no {" + javaName + "} in path \""
                        + route.path() + "\"; add {" + javaName + "} to the path or annotate it with @Query, @Header or @Cookie");
            } else {
                boolean required = bodyAnnotation == null || bodyAnnotation.required();
                if (body) {
                    problems.error(parameter, "parameter '" + javaName + "' is a second request body; a route has at most one body parameter "
                            + "(annotate values with @Query, @Header or @Cookie)");
                    continue;
                }
                body = true;
                if (httpMethod.equals("GET") || httpMethod.equals("HEAD")) {
                    problems.error(parameter, "parameter '" + javaName + "' is a request body, but " + httpMethod
                            + " requests have no body; use POST/PUT/PATCH or bind it with @Query");
                    continue;
                }
                String expression = bodyExpression(type, required);
                if (expression == null) {
                    problems.error(parameter, "request body parameter '" + javaName + "' has unsupported type " + typeName
                            + "; use a record or POJO, List<T>, Map<String, Object>, or @Body String / byte[]");
                    continue;
                }
                com.fasterxml.jackson.databind.JsonNode schema = bodySchema(parameter, type, javaName);
                if (schema == null) continue;
                arguments.add(new Argument(javaName, typeName, expression, new ParameterSpec(javaName, Source.BODY, typeName, required, null,
                        schema.isEmpty() ? null : schema)));
            }
        }
        if (path != null) {
            for (String variable : path.variables()) {
                if (boundPathVariables.contains(variable)) continue;
                boolean annotated = method.getParameters().stream().anyMatch(p -> p.getSimpleName().contentEquals(variable));
                problems.error(method, mirror, "path variable {" + variable + "} in \"" + route.path() + "\" has no method parameter named '"
                        + variable + "'" + (annotated ? " without a binding annotation" : ""));
            }
        }
        ResultKind result = routeResult(method);
        ResponseSpec response = result == null ? null : response(method, result);
        if (problems.errors() > before) return null;
        var routeModel = new Model.Route(httpMethod, path, route.auth() || !route.authorizer().isEmpty(), route.authorizer(), authContext,
                response);
        return new Function(name, FunctionKind.ROUTE, method, mirror, MethodAnalyzer.owner(method), MethodAnalyzer.positive(route.memorySize()), MethodAnalyzer.positive(route.timeout()),
                publishes, arguments, result, method.getReturnType().toString(), routeModel, null, null,
                MethodAnalyzer.snapStart(route.snapStart()), null);
    }

    /** The body's schema; empty for bytes; null after an error. */
    private com.fasterxml.jackson.databind.JsonNode bodySchema(VariableElement parameter, TypeMirror type, String javaName) {
        if (type.getKind() == TypeKind.ARRAY && type.toString().equals("byte[]")) return JsonNodeFactory.instance.objectNode();
        return schemas.of(type, parameter, "request body parameter '" + javaName + "'");
    }

    private ResponseSpec response(ExecutableElement method, ResultKind result) {
        TypeMirror type = method.getReturnType();
        boolean optional = result.name().startsWith("OPTIONAL_");
        TypeMirror value = optional ? ((DeclaredType) type).getTypeArguments().get(0) : type;
        return switch (result) {
            case VOID -> new ResponseSpec(null, null, false, false);
            case TEXT, OPTIONAL_TEXT -> new ResponseSpec("text/plain; charset=utf-8", schemas.valueSchema(value), optional, false);
            case BYTES, OPTIONAL_BYTES -> new ResponseSpec("application/octet-stream", null, optional, false);
            case RESPONSE, OPTIONAL_RESPONSE -> new ResponseSpec(null, null, optional, true);
            case JSON, OPTIONAL_JSON -> {
                ObjectNode schema = schemas.of(value, method, "route " + method.getSimpleName() + "'s result");
                yield schema == null ? null : new ResponseSpec("application/json", schema, optional, false);
            }
            default -> null;
        };
    }

    private ResultKind routeResult(ExecutableElement method) {
        TypeMirror type = method.getReturnType();
        if (type.getKind() == TypeKind.VOID) return ResultKind.VOID;
        TypeMirror optional = null;
        if (type.getKind() == TypeKind.DECLARED && types.erasure(type).toString().equals("java.util.Optional")) {
            var args = ((DeclaredType) type).getTypeArguments();
            optional = args.size() == 1 ? args.get(0) : null;
            if (optional == null) {
                problems.error(method, "route returns a raw Optional; give it a type argument");
                return null;
            }
        }
        TypeMirror value = optional == null ? type : optional;
        String unsupported = unsupportedResult(value);
        if (unsupported != null) {
            problems.error(method, "route returns unsupported type " + type + ": " + unsupported);
            return null;
        }
        boolean isOptional = optional != null;
        if (javaTypes.isType(value, "java.lang.String")) return isOptional ? ResultKind.OPTIONAL_TEXT : ResultKind.TEXT;
        if (javaTypes.isType(value, MethodAnalyzer.RESPONSE)) return isOptional ? ResultKind.OPTIONAL_RESPONSE : ResultKind.RESPONSE;
        if (value.getKind() == TypeKind.ARRAY && value.toString().equals("byte[]")) {
            return isOptional ? ResultKind.OPTIONAL_BYTES : ResultKind.BYTES;
        }
        return isOptional ? ResultKind.OPTIONAL_JSON : ResultKind.JSON;
    }

    private String unsupportedResult(TypeMirror type) {
        switch (type.getKind()) {
            case TYPEVAR, WILDCARD -> {
                return "a type variable cannot be serialized; return a concrete type";
            }
            case ERROR, NONE, NULL, EXECUTABLE, INTERSECTION, UNION -> {
                return "not a value type";
            }
            default -> { }
        }
        if (type.getKind() == TypeKind.DECLARED) {
            for (String async : List.of("java.util.concurrent.Future", "java.util.concurrent.CompletionStage", "java.util.stream.BaseStream")) {
                TypeElement asyncType = elements.getTypeElement(async);
                if (asyncType != null && types.isAssignable(types.erasure(type), types.erasure(asyncType.asType()))) {
                    return "asynchronous or stream results are not supported; return the value itself";
                }
            }
            if (javaTypes.isType(type, MethodAnalyzer.AUTH_RESULT)) return "io.javeze.AuthResult is for @Auth methods";
        }
        return null;
    }

    private Argument named(VariableElement parameter, Source source, String callMethod, String kind, String annotated,
                           boolean required, String defaultValue) {
        String javaName = parameter.getSimpleName().toString();
        String name = annotated.isEmpty() ? javaName : annotated;
        TypeMirror type = parameter.asType();
        boolean hasDefault = !defaultValue.equals(Query.NONE);
        boolean optional = javaTypes.values.isOptional(type);
        boolean effectiveRequired = required && !hasDefault && !optional;
        String what = MethodAnalyzer.quote(kind + " '" + name + "'");
        String arguments = "(" + MethodAnalyzer.quote(name) + ", " + effectiveRequired + ", " + (hasDefault ? MethodAnalyzer.quote(defaultValue) : "null") + ")";
        String conversion = javaTypes.values.conversion(type, "call." + callMethod + arguments, what);
        if (conversion == null && source == Source.QUERY) {
            conversion = javaTypes.values.collectionConversion(type, "call.queries" + arguments, what);
        }
        if (conversion == null) {
            problems.error(parameter, kind + " '" + name + "' has unsupported type " + type + "; use " + ValueTypes.SUPPORTED
                    + (source == Source.QUERY ? ", or a List or Set of these (a repeated parameter, ?tag=a&tag=b)" : ""));
        } else if (type.getKind().isPrimitive() && !effectiveRequired && !hasDefault) {
            problems.error(parameter, "optional " + kind + " '" + name + "' of primitive type " + type
                    + " needs a defaultValue; or use " + types.boxedClass((javax.lang.model.type.PrimitiveType) type).getSimpleName()
                    + " or Optional");
        }
        return new Argument(javaName, type.toString(), conversion, new ParameterSpec(name, source, type.toString(), effectiveRequired,
                hasDefault ? defaultValue : null, conversion == null ? null : schemas.valueSchema(type)));
    }

    private String bodyExpression(TypeMirror type, boolean required) {
        if (javaTypes.isType(type, "java.lang.String")) return "call.bodyText(" + required + ")";
        if (type.getKind() == TypeKind.ARRAY && type.toString().equals("byte[]")) return "call.bodyBytes(" + required + ")";
        JavaTypes.JsonShape shape = javaTypes.jsonShape(type);
        if (shape == null) return null;
        return switch (shape.kind()) {
            case BEAN -> "call.body(" + shape.classLiteral() + ", " + required + ")";
            case LIST -> "call.bodyList(" + shape.classLiteral() + ", " + required + ")";
            case MAP -> "call.bodyMap(" + required + ")";
        };
    }

    private static ParameterSpec spec(String name, Source source, String type, boolean required, String defaultValue) {
        return new ParameterSpec(name, source, type, required, defaultValue);
    }

}
