package io.verto.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small model of IAM's policy evaluation for one principal's identity policies, per AWS's documented logic: an
 * explicit Deny in any statement that matches wins; otherwise an Allow that matches allows; otherwise the request
 * is implicitly denied. A statement matches when its Action (or NotAction) and Resource match, with {@code *} and
 * {@code ?} wildcards, case-insensitive actions, and its Condition holds for the request's context keys (the
 * operators these documents use: StringEquals, StringLike, Bool, Null; a key the request lacks fails all but Null).
 * It stands in for the IAM policy simulator, which cannot be reached from here, where moto's evaluation is coarser.
 */
public final class IamPolicyModel {
    /** The outcome of a request. */
    public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> statements = new ArrayList<>();

    /** The model of a principal with these policy documents attached. */
    public IamPolicyModel(String... documents) {
        for (String d : documents) {
            try {
                JsonNode s = JSON.readTree(d).get("Statement");
                if (s.isArray()) {
                    s.forEach(statements::add);
                } else {
                    statements.add(s);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Decision decide(String action, String resource) {
        return decide(action, resource, Map.of());
    }

    public Decision decide(String action, String resource, Map<String, String> context) {
        boolean allowed = false;
        for (JsonNode s : statements) {
            if (!matches(s, action, resource, context)) {
                continue;
            }
            if (s.get("Effect").asText().equals("Deny")) {
                return Decision.EXPLICIT_DENY;
            }
            allowed = true;
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private static boolean matches(JsonNode s, String action, String resource, Map<String, String> context) {
        boolean actionMatches = s.has("NotAction") ? !anyMatches(s.get("NotAction"), action, true) : anyMatches(s.get("Action"), action, true);
        return actionMatches && anyMatches(s.get("Resource"), resource, false) && conditionHolds(s.get("Condition"), context);
    }

    private static boolean anyMatches(JsonNode patterns, String value, boolean ignoreCase) {
        List<String> list = new ArrayList<>();
        if (patterns.isArray()) {
            patterns.forEach(p -> list.add(p.asText()));
        } else {
            list.add(patterns.asText());
        }
        return list.stream().anyMatch(p -> wildcard(p, ignoreCase).matcher(value).matches());
    }

    private static Pattern wildcard(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    private static boolean conditionHolds(JsonNode condition, Map<String, String> context) {
        if (condition == null) {
            return true;
        }
        for (var operator : condition.properties()) {
            for (var entry : operator.getValue().properties()) {
                String actual = context.get(entry.getKey());
                if (!holds(operator.getKey(), actual, entry.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(String operator, String actual, JsonNode expected) {
        switch (operator) {
            case "Null":
                return (actual == null) == expected.asBoolean();
            case "StringEquals":
            case "Bool":
                return actual != null && values(expected).stream().anyMatch(actual::equals);
            case "StringLike":
                return actual != null && values(expected).stream().anyMatch(p -> wildcard(p, false).matcher(actual).matches());
            default:
                throw new AssertionError("the model does not know the condition operator " + operator);
        }
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
