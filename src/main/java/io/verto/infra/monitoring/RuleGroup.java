package io.verto.infra.monitoring;

import io.verto.infra.types.AlertDuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Prometheus rule group: recording rules and alerts, as a PrometheusRule and a rules file hold them.
 *
 * @param name  the group's name, unique in a rules file
 * @param rules its rules, evaluated in order
 */
public record RuleGroup(String name, List<RuleGroup.Rule> rules) {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern ALERT_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

    public RuleGroup {
        Objects.requireNonNull(name, "name");
        rules = List.copyOf(rules);
    }

    /** How urgent an alert is: its {@code severity} label. */
    public enum Severity { critical, warning, info }

    /** A rule of a group. */
    public sealed interface Rule permits Record, Alert {
        Map<String, Object> toValue();
    }

    /**
     * A recording rule: {@code expr} saved as the series {@code name}, for dashboards and other rules.
     *
     * @param name the recorded metric's name, {@code level:metric:operations} by convention
     * @param expr the PromQL expression
     */
    public record Record(String name, String expr) implements Rule {
        public Record {
            if (!METRIC_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a metric name");
            }
        }

        @Override
        public Map<String, Object> toValue() {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("record", name);
            rule.put("expr", expr);
            return rule;
        }
    }

    /**
     * An alert: fires when {@code expr} has returned series for {@code forDuration}.
     *
     * @param name        CamelCase alert name
     * @param expr        the PromQL condition
     * @param forDuration how long the condition must hold
     * @param severity    the {@code severity} label
     * @param summary     one line
     * @param description what is wrong, with {@code {{ $labels.x }}} templates
     * @param runbookUrl  where the runbook is
     */
    public record Alert(String name, String expr, AlertDuration forDuration, Severity severity, String summary, String description,
                        String runbookUrl) implements Rule {
        public Alert {
            if (!ALERT_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a CamelCase alert name");
            }
            Objects.requireNonNull(expr, "expr");
            Objects.requireNonNull(forDuration, "forDuration");
            Objects.requireNonNull(severity, "severity");
        }

        @Override
        public Map<String, Object> toValue() {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("alert", name);
            rule.put("expr", expr);
            rule.put("for", forDuration.text());
            rule.put("labels", Map.of("severity", severity.name()));
            Map<String, Object> annotations = new LinkedHashMap<>();
            annotations.put("summary", summary);
            annotations.put("description", description);
            annotations.put("runbook_url", runbookUrl);
            rule.put("annotations", annotations);
            return rule;
        }
    }

    public Map<String, Object> toValue() {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", name);
        group.put("rules", rules.stream().map(Rule::toValue).toList());
        return group;
    }
}
