package io.verto.infra.monitoring;

import io.verto.infra.kubernetes.custom.CustomKind;
import io.verto.infra.kubernetes.custom.CustomSpec;

import java.util.List;
import java.util.Map;

/**
 * The spec of a {@code monitoring.coreos.com/v1} PrometheusRule: rule groups.
 *
 * @param groups the groups, each with its rules
 */
public record PrometheusRuleSpec(List<RuleGroup> groups) implements CustomSpec {
    public PrometheusRuleSpec {
        groups = List.copyOf(groups);
    }

    @Override
    public CustomKind kind() {
        return CustomKind.PROMETHEUS_RULE;
    }

    @Override
    public Map<String, Object> toValue() {
        return Map.of("groups", groups.stream().map(RuleGroup::toValue).toList());
    }
}
