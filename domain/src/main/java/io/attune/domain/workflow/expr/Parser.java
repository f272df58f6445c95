package io.attune.domain.workflow.expr;

import io.attune.domain.workflow.expr.Lexer.Kind;
import io.attune.domain.workflow.expr.Lexer.SyntaxError;
import io.attune.domain.workflow.expr.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses one YAQL expression (the text between {@code <%} and {@code %>}) into a {@link Node} by precedence climbing,
 * loosest first: {@code or}, {@code and}, {@code not}, comparisons ({@code = == != < > <= >= in}), {@code + -},
 * {@code * / mod}, unary {@code - +}, then postfix {@code .name}, {@code .method(…)} and {@code [index]}. Calls name
 * a known function with an allowed number of arguments, or the parse fails; the grammar is in docs/expressions.md.
 */
final class Parser {

    static final int MAX_LENGTH = 16_384;
    static final int MAX_DEPTH = 64;
    /** Operator chains ({@code a + b + …}, {@code a.b.c…}) nest the tree too, without nesting the text. */
    static final int MAX_OPERATIONS = 1_000;

    private static final Set<String> COMPARISONS = Set.of("=", "==", "!=", "<", ">", "<=", ">=");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "mod", "true", "false", "null");

    private final List<Token> tokens;
    private int at;
    private int depth;
    private int operations;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The tree of {@code expression}; throws {@link SyntaxError} naming the column of the first problem. */
    static Node parse(String expression) {
        if (expression.length() > MAX_LENGTH) {
            throw new SyntaxError(MAX_LENGTH, "the expression is " + expression.length()
                    + " characters long, over the limit of " + MAX_LENGTH);
        }
        if (expression.isBlank()) {
            throw new SyntaxError(0, "the expression is empty");
        }
        Parser parser = new Parser(Lexer.tokens(expression));
        Node node = parser.expression();
        Token end = parser.peek();
        if (end.kind() != Kind.END) {
            throw new SyntaxError(end.pos(), "unexpected " + shown(end) + " after a complete expression");
        }
        return node;
    }

    private Node expression() {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxError(peek().pos(), "the expression nests more than " + MAX_DEPTH + " deep");
        }
        try {
            return or();
        } finally {
            depth--;
        }
    }

    private Node or() {
        Node left = and();
        while (peek().isWord("or")) {
            at++;
            left = grow(new Node.Binary("or", left, and()));
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (peek().isWord("and")) {
            at++;
            left = grow(new Node.Binary("and", left, not()));
        }
        return left;
    }

    private Node not() {
        if (peek().isWord("not")) {
            at++;
            return nested(() -> new Node.Unary("not", not()));
        }
        return comparison();
    }

    private Node comparison() {
        Node left = additive();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.OP && COMPARISONS.contains(t.text())) {
                at++;
                left = grow(new Node.Binary(t.text().equals("==") ? "=" : t.text(), left, additive()));
            } else if (t.isWord("in")) {
                at++;
                left = grow(new Node.Binary("in", left, additive()));
            } else {
                return left;
            }
        }
    }

    private Node additive() {
        Node left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            String op = next().text();
            left = grow(new Node.Binary(op, left, multiplicative()));
        }
        return left;
    }

    private Node multiplicative() {
        Node left = unary();
        while (peek().is("*") || peek().is("/") || peek().isWord("mod")) {
            String op = next().text();
            left = grow(new Node.Binary(op, left, unary()));
        }
        return left;
    }

    private Node unary() {
        if (peek().is("-") || peek().is("+")) {
            String op = next().text();
            return nested(() -> new Node.Unary(op, unary()));
        }
        return postfix(primary());
    }

    private Node postfix(Node node) {
        while (true) {
            if (peek().is(".")) {
                at++;
                Token name = next();
                if (name.kind() != Kind.NAME || KEYWORDS.contains(name.text())) {
                    throw new SyntaxError(name.pos(), "expected a name after '.', found " + shown(name));
                }
                if (peek().is("(")) {
                    node = grow(call(name, node));
                } else {
                    node = grow(new Node.Attr(node, name.text()));
                }
            } else if (peek().is("[")) {
                Token open = next();
                if (peek().is("]")) {
                    throw new SyntaxError(open.pos(), "an index needs a value between '[' and ']'");
                }
                Node index = expression();
                expect("]", open);
                node = grow(new Node.Index(node, index));
            } else {
                return node;
            }
        }
    }

    private Node primary() {
        Token t = next();
        return switch (t.kind()) {
            case INT, FLOAT, STRING -> new Node.Literal(t.value());
            case DOLLAR -> new Node.Root();
            case NAME -> switch (t.text()) {
                case "true" -> new Node.Literal(Boolean.TRUE);
                case "false" -> new Node.Literal(Boolean.FALSE);
                case "null" -> new Node.Literal(null);
                case "and", "or", "not", "in", "mod" ->
                        throw new SyntaxError(t.pos(), "expected a value, found the operator '" + t.text() + "'");
                default -> peek().is("(") ? call(t, null) : new Node.Name(t.text());
            };
            case OP -> switch (t.text()) {
                case "(" -> {
                    Node inner = expression();
                    expect(")", t);
                    yield inner;
                }
                case "[" -> new Node.ListOf(items(t));
                case "{" -> dict(t);
                default -> throw new SyntaxError(t.pos(), "expected a value, found " + shown(t));
            };
            case END -> throw new SyntaxError(t.pos(), "expected a value, but the expression ended");
        };
    }

    private List<Node> items(Token open) {
        List<Node> items = new ArrayList<>();
        if (peek().is("]")) {
            at++;
            return items;
        }
        do {
            items.add(expression());
        } while (comma());
        expect("]", open);
        return items;
    }

    private Node dict(Token open) {
        List<Node.Entry> entries = new ArrayList<>();
        if (peek().is("}")) {
            at++;
            return new Node.DictOf(entries);
        }
        do {
            Node key = expression();
            Token arrow = next();
            if (!arrow.is("=>") && !arrow.is(":")) {
                throw new SyntaxError(arrow.pos(), "expected '=>' or ':' after a dict key, found " + shown(arrow));
            }
            entries.add(new Node.Entry(key, expression()));
        } while (comma());
        expect("}", open);
        return new Node.DictOf(entries);
    }

    /** A call of the function {@code name}; {@code receiver} is the target of a method call, null for a function. */
    private Node call(Token name, Node receiver) {
        Token open = next();
        List<Node> args = new ArrayList<>();
        List<Node.Entry> named = new ArrayList<>();
        if (receiver != null) {
            args.add(receiver);
        }
        if (peek().kind() == Kind.END) {
            expect(")", open);
        }
        if (peek().is(")")) {
            at++;
        } else {
            do {
                if (peek().kind() == Kind.NAME && tokens.get(at + 1).is("=")) {
                    Token key = next();
                    at++;
                    named.add(new Node.Entry(new Node.Name(key.text()), expression()));
                    continue;
                }
                Node arg = expression();
                if (peek().is("=>")) {
                    at++;
                    named.add(new Node.Entry(arg, expression()));
                } else if (!named.isEmpty()) {
                    throw new SyntaxError(peek().pos(), "a positional argument may not follow a named one");
                } else {
                    args.add(arg);
                }
            } while (comma());
            expect(")", open);
        }
        Functions.check(name.text(), args.size(), named.size(), receiver != null)
                .ifPresent(why -> {
                    throw new SyntaxError(name.pos(), why);
                });
        return new Node.Call(name.text(), List.copyOf(args), List.copyOf(named), receiver != null);
    }

    private Node grow(Node node) {
        if (++operations > MAX_OPERATIONS) {
            throw new SyntaxError(peek().pos(), "the expression has more than " + MAX_OPERATIONS + " operations");
        }
        return node;
    }

    private boolean comma() {
        if (peek().is(",")) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String op, Token open) {
        Token t = next();
        if (!t.is(op)) {
            String found = t.kind() == Kind.END ? "the expression ended" : "found " + shown(t);
            throw new SyntaxError(t.pos(), "expected '" + op + "' to close the '" + open.text() + "' at column "
                    + (open.pos() + 1) + ", but " + found);
        }
    }

    private Node nested(java.util.function.Supplier<Node> inner) {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxError(peek().pos(), "the expression nests more than " + MAX_DEPTH + " deep");
        }
        try {
            return inner.get();
        } finally {
            depth--;
        }
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) {
            at++;
        }
        return t;
    }

    private static String shown(Token t) {
        return t.kind() == Kind.END ? "the end" : "'" + t.text() + "'";
    }
}
