package io.attune.domain.workflow.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits the text of one YAQL expression into tokens; a character outside the language is a syntax error. */
final class Lexer {

    /** What a token is; keywords ({@code and}, {@code mod}, {@code true}…) are names the parser recognises. */
    enum Kind { INT, FLOAT, STRING, NAME, DOLLAR, OP, END }

    /** One token: its kind, its text as written, its value (numbers and strings) and its 0-based offset. */
    record Token(Kind kind, String text, Object value, int pos) {

        boolean is(String op) {
            return kind == Kind.OP && text.equals(op);
        }

        boolean isWord(String word) {
            return kind == Kind.NAME && text.equals(word);
        }
    }

    /** Operators, longest first so that {@code <=} wins over {@code <}. */
    private static final List<String> OPERATORS = List.of(
            "==", "!=", "<=", ">=", "=>", "(", ")", "[", "]", "{", "}", ",", ".", ":", "=", "<", ">", "+", "-", "*",
            "/");

    /** YAQL constructs the subset leaves out, so that their error says so instead of a puzzling syntax error. */
    private static final List<String> UNSUPPORTED = List.of("=~", "!~", "->", "?.", "#", "`", "~");

    private final String text;
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    /** The tokens of {@code text}, ending with one {@link Kind#END}; throws {@link SyntaxError} at a bad character. */
    static List<Token> tokens(String text) {
        return new Lexer(text).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                tokens.add(new Token(Kind.END, "", null, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        char c = text.charAt(pos);
        int start = pos;
        if (Character.isDigit(c)) {
            return number();
        }
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (isNameStart(c)) {
            while (pos < text.length() && isNamePart(text.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.NAME, text.substring(start, pos), null, start);
        }
        if (c == '$') {
            pos++;
            while (pos < text.length() && isNamePart(text.charAt(pos))) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (name.length() > 1) {
                throw new SyntaxError(start, "the variable '" + name + "' is outside the supported YAQL subset "
                        + "(only '$', the context, is); read it with ctx('" + name.substring(1) + "')");
            }
            return new Token(Kind.DOLLAR, "$", null, start);
        }
        for (String op : UNSUPPORTED) {
            if (text.startsWith(op, pos)) {
                throw new SyntaxError(start, "'" + op + "' is outside the supported YAQL subset");
            }
        }
        for (String op : OPERATORS) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Kind.OP, op, null, start);
            }
        }
        throw new SyntaxError(start, "unexpected character '" + c + "'");
    }

    private Token number() {
        int start = pos;
        boolean floating = false;
        digits();
        if (pos + 1 < text.length() && text.charAt(pos) == '.' && Character.isDigit(text.charAt(pos + 1))) {
            floating = true;
            pos++;
            digits();
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                floating = true;
                digits();
            } else {
                pos = mark;
            }
        }
        if (pos < text.length() && isNameStart(text.charAt(pos))) {
            throw new SyntaxError(pos, "a number may not run into a name");
        }
        String literal = text.substring(start, pos);
        if (floating) {
            return new Token(Kind.FLOAT, literal, Double.parseDouble(literal), start);
        }
        try {
            return new Token(Kind.INT, literal, Long.parseLong(literal), start);
        } catch (NumberFormatException e) {
            throw new SyntaxError(start, "the integer " + literal + " is too large");
        }
    }

    private void digits() {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private Token string(char quote) {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return new Token(Kind.STRING, text.substring(start, pos), value.toString(), start);
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char escaped = text.charAt(pos++);
            switch (escaped) {
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case '0' -> value.append('\0');
                case 'u' -> value.append(unicode(pos - 2));
                default -> value.append(escaped);
            }
        }
        throw new SyntaxError(start, "the string starting here is not closed by " + quote);
    }

    private char unicode(int escapeAt) {
        if (pos + 4 > text.length()) {
            throw new SyntaxError(escapeAt, "\\u needs four hexadecimal digits");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            pos += 4;
            return c;
        } catch (NumberFormatException e) {
            throw new SyntaxError(escapeAt, "\\u needs four hexadecimal digits");
        }
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** A syntax error at a 0-based offset of the expression. */
    static final class SyntaxError extends RuntimeException {

        private final int pos;

        SyntaxError(int pos, String why) {
            super(why, null, false, false);
            this.pos = pos;
        }

        /** The message people read: the 1-based column and why. */
        String describe() {
            return "syntax error at column " + (pos + 1) + ": " + getMessage();
        }
    }
}
