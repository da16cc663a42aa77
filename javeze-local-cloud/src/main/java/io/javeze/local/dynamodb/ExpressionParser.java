package io.javeze.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.dynamodb.Expressions.Condition;
import io.javeze.local.dynamodb.Expressions.Operand;
import io.javeze.local.http.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recursive-descent parser for DynamoDB's expression grammar (condition, filter, key condition, update and
 * projection expressions), over the tokens of one expression. Placeholders are resolved while parsing, so an
 * undefined {@code #name} or {@code :value} fails with DynamoDB's own message.
 *
 * <pre>
 * condition  := or
 * or         := and ("OR" and)*
 * and        := not ("AND" not)*
 * not        := "NOT" not | "(" condition ")" | function | operand (comparator operand | "BETWEEN" operand "AND" operand
 *               | "IN" "(" operand ("," operand)* ")")
 * function   := attribute_exists(path) | attribute_not_exists(path) | attribute_type(path, operand)
 *               | begins_with(operand, operand) | contains(operand, operand)
 * operand    := :value | size(path) | path
 * path       := name ("." name | "[" digits "]")*
 * update     := ("SET" set ("," set)* | "REMOVE" path ("," path)* | ("ADD" | "DELETE") path :value ("," path :value)*)+
 * set        := path "=" term (("+" | "-") term)?
 * term       := :value | if_not_exists(path, term) | list_append(term, term) | path
 * projection := path ("," path)*
 * </pre>
 */
final class ExpressionParser {
    private static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");
    private static final Set<String> CONDITION_FUNCTIONS = Set.of("attribute_exists", "attribute_not_exists", "attribute_type",
            "begins_with", "contains");

    private record Token(String text, int position) {}

    private final String expression;
    private final String kind;
    private final Placeholders placeholders;
    private final List<Token> tokens;
    private int next;

    private ExpressionParser(String expression, String kind, Placeholders placeholders) {
        this.expression = expression;
        this.kind = kind;
        this.placeholders = placeholders;
        this.tokens = tokenize();
    }

    static Condition condition(String expression, String kind, Placeholders placeholders) {
        ExpressionParser p = new ExpressionParser(expression, kind, placeholders);
        Condition c = p.or();
        p.expectEnd();
        return c;
    }

    static Expressions.Update update(String expression, Placeholders placeholders) {
        ExpressionParser p = new ExpressionParser(expression, "UpdateExpression", placeholders);
        return p.updateClauses();
    }

    static List<DocumentPath> projection(String expression, Placeholders placeholders) {
        ExpressionParser p = new ExpressionParser(expression, "ProjectionExpression", placeholders);
        List<DocumentPath> paths = new ArrayList<>();
        do {
            paths.add(p.path());
        } while (p.accept(","));
        p.expectEnd();
        return paths;
    }

    // ---- tokens

    private List<Token> tokenize() {
        if (expression.isBlank()) {
            throw AwsException.validation("Invalid " + kind + ": The expression can not be empty;");
        }
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '#' || c == ':' || Character.isLetterOrDigit(c) || c == '_') {
                i++;
                while (i < expression.length() && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '_')) {
                    i++;
                }
            } else if ((c == '<' || c == '>') && i + 1 < expression.length()
                    && (expression.charAt(i + 1) == '=' || (c == '<' && expression.charAt(i + 1) == '>'))) {
                i += 2;
            } else if ("=<>()[],.+-".indexOf(c) >= 0) {
                i++;
            } else {
                throw AwsException.validation("Invalid " + kind + ": Invalid character encountered; character: " + c
                        + ", position: " + (i + 1));
            }
            out.add(new Token(expression.substring(start, i), start));
        }
        return out;
    }

    private Token peek() {
        return next < tokens.size() ? tokens.get(next) : null;
    }

    private String peekText() {
        Token t = peek();
        return t == null ? null : t.text();
    }

    private boolean peekKeyword(String keyword) {
        Token t = peek();
        return t != null && t.text().toUpperCase(Locale.ROOT).equals(keyword);
    }

    private boolean accept(String text) {
        if (text.equals(peekText()) || peekKeyword(text)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String text) {
        if (!accept(text)) {
            throw syntaxError();
        }
    }

    private void expectEnd() {
        if (peek() != null) {
            throw syntaxError();
        }
    }

    private AwsException syntaxError() {
        Token t = peek();
        String token = t == null ? "<EOF>" : t.text();
        int from = Math.max(0, next - 1);
        int to = Math.min(tokens.size(), next + 2);
        StringBuilder near = new StringBuilder();
        for (int i = from; i < to; i++) {
            near.append(i > from ? " " : "").append(tokens.get(i).text());
        }
        return AwsException.validation("Invalid " + kind + ": Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    // ---- conditions

    private Condition or() {
        Condition left = and();
        while (accept("OR")) {
            left = new Expressions.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (accept("AND")) {
            left = new Expressions.And(left, not());
        }
        return left;
    }

    private Condition not() {
        if (accept("NOT")) {
            return new Expressions.Not(not());
        }
        if (accept("(")) {
            Condition inner = or();
            expect(")");
            return inner;
        }
        String word = peekText();
        if (word != null && CONDITION_FUNCTIONS.contains(word) && "(".equals(textAt(next + 1))) {
            return function();
        }
        Operand left = operand();
        String op = peekText();
        if (op != null && COMPARATORS.contains(op)) {
            next++;
            return new Expressions.Compare(left, op, operand());
        }
        if (accept("BETWEEN")) {
            Operand low = operand();
            expect("AND");
            Operand high = operand();
            if (low instanceof Expressions.ValueOperand l && high instanceof Expressions.ValueOperand h) {
                Integer c = AttributeValues.compare(l.value(), h.value());
                if (c != null && c > 0) {
                    throw AwsException.validation("Invalid " + kind + ": The BETWEEN operator requires upper bound to be greater than or "
                            + "equal to lower bound; lower bound operand: AttributeValue: " + l.value() + ", upper bound operand: "
                            + "AttributeValue: " + h.value());
                }
            }
            return new Expressions.Between(left, low, high);
        }
        if (accept("IN")) {
            expect("(");
            List<Operand> options = new ArrayList<>();
            do {
                options.add(operand());
            } while (accept(","));
            expect(")");
            return new Expressions.In(left, options);
        }
        throw syntaxError();
    }

    private String textAt(int index) {
        return index < tokens.size() ? tokens.get(index).text() : null;
    }

    private Condition function() {
        String name = tokens.get(next).text();
        next += 2; // name and "("
        Condition c = switch (name) {
            case "attribute_exists" -> new Expressions.Exists(path(), true);
            case "attribute_not_exists" -> new Expressions.Exists(path(), false);
            case "attribute_type" -> {
                DocumentPath p = path();
                expect(",");
                yield new Expressions.AttributeType(p, operand());
            }
            case "begins_with" -> {
                Operand v = operand();
                expect(",");
                yield new Expressions.BeginsWith(v, operand());
            }
            default -> {
                Operand v = operand();
                expect(",");
                yield new Expressions.Contains(v, operand());
            }
        };
        expect(")");
        return c;
    }

    private Operand operand() {
        String t = peekText();
        if (t == null) {
            throw syntaxError();
        }
        if (t.startsWith(":")) {
            next++;
            return new Expressions.ValueOperand(placeholders.value(t, kind));
        }
        if (t.equals("size") && "(".equals(textAt(next + 1))) {
            next += 2;
            DocumentPath p = path();
            expect(")");
            return new Expressions.Size(p);
        }
        return new Expressions.PathOperand(path());
    }

    // ---- paths

    DocumentPath path() {
        List<Object> elements = new ArrayList<>();
        elements.add(name());
        while (true) {
            if (accept(".")) {
                elements.add(name());
            } else if ("[".equals(peekText())) {
                next++;
                String digits = peekText();
                if (digits == null || !digits.chars().allMatch(Character::isDigit)) {
                    throw syntaxError();
                }
                next++;
                elements.add(Integer.parseInt(digits));
                expect("]");
            } else {
                return new DocumentPath(elements);
            }
        }
    }

    private String name() {
        String t = peekText();
        if (t == null || t.startsWith(":") || !(t.startsWith("#") || Character.isLetter(t.charAt(0)) || t.charAt(0) == '_')) {
            throw syntaxError();
        }
        next++;
        return t.startsWith("#") ? placeholders.name(t, kind) : t;
    }

    // ---- updates

    private Expressions.Update updateClauses() {
        List<Expressions.SetAction> sets = new ArrayList<>();
        List<DocumentPath> removes = new ArrayList<>();
        List<Expressions.ValueAction> adds = new ArrayList<>();
        List<Expressions.ValueAction> deletes = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        do {
            String clause = peekText() == null ? "" : peekText().toUpperCase(Locale.ROOT);
            if (!Set.of("SET", "REMOVE", "ADD", "DELETE").contains(clause)) {
                throw syntaxError();
            }
            next++;
            if (!seen.add(clause)) {
                throw AwsException.validation("Invalid UpdateExpression: The \"" + clause + "\" section can only be used once in an update expression;");
            }
            do {
                switch (clause) {
                    case "SET" -> {
                        DocumentPath p = path();
                        expect("=");
                        Operand value = term();
                        if ("+".equals(peekText()) || "-".equals(peekText())) {
                            char op = peekText().charAt(0);
                            next++;
                            value = new Expressions.Arithmetic(value, op, term());
                        }
                        sets.add(new Expressions.SetAction(p, value));
                    }
                    case "REMOVE" -> removes.add(path());
                    default -> {
                        DocumentPath p = path();
                        String v = peekText();
                        if (v == null || !v.startsWith(":")) {
                            throw syntaxError();
                        }
                        next++;
                        (clause.equals("ADD") ? adds : deletes).add(new Expressions.ValueAction(p, placeholders.value(v, kind)));
                    }
                }
            } while (accept(","));
        } while (peek() != null);
        Expressions.Update update = new Expressions.Update(sets, removes, adds, deletes);
        List<DocumentPath> paths = update.paths();
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (paths.get(i).overlaps(paths.get(j))) {
                    throw AwsException.validation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
                            + "rewrite one of these document paths; path one: " + paths.get(i).elements() + ", path two: "
                            + paths.get(j).elements());
                }
            }
        }
        return update;
    }

    private Operand term() {
        String t = peekText();
        if (t != null && "(".equals(textAt(next + 1))) {
            if (t.equals("if_not_exists")) {
                next += 2;
                DocumentPath p = path();
                expect(",");
                Operand fallback = term();
                expect(")");
                return new Expressions.IfNotExists(p, fallback);
            }
            if (t.equals("list_append")) {
                next += 2;
                Operand a = term();
                expect(",");
                Operand b = term();
                expect(")");
                return new Expressions.ListAppend(a, b);
            }
            throw AwsException.validation("Invalid UpdateExpression: Invalid function name; function: " + t);
        }
        if (t != null && t.startsWith(":")) {
            next++;
            return new Expressions.ValueOperand(placeholders.value(t, kind));
        }
        return new Expressions.PathOperand(path());
    }

    /** The placeholder-resolved value of a key condition's operand (for reading a key condition's structure). */
    static JsonNode constant(Operand o) {
        return o instanceof Expressions.ValueOperand v ? v.value() : null;
    }
}
