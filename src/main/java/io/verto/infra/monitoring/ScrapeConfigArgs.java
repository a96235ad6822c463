package io.verto.infra.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Arguments of {@link ScrapeConfig}: the scrape plan and the rule groups written beside it. Required: scrape. */
public final class ScrapeConfigArgs {
    private final ScrapeArgs scrape;
    private final List<RuleGroup> ruleGroups;

    private ScrapeConfigArgs(Builder b) {
        this.scrape = Objects.requireNonNull(b.scrape, "ScrapeConfigArgs.scrape is required");
        this.ruleGroups = List.copyOf(b.ruleGroups);
    }

    public static Builder builder() {
        return new Builder();
    }

    public ScrapeArgs scrape() { return scrape; }
    public List<RuleGroup> ruleGroups() { return ruleGroups; }

    public static final class Builder {
        private ScrapeArgs scrape;
        private final List<RuleGroup> ruleGroups = new ArrayList<>();

        /** The namespace, targets and interval of the scrape jobs. Required. */
        public Builder scrape(ScrapeArgs scrape) { this.scrape = scrape; return this; }

        /** Rule groups written beside the scrape config as {@value ScrapeConfig#RULES_FILE}. Default none. */
        public Builder ruleGroups(List<RuleGroup> groups) { this.ruleGroups.addAll(groups); return this; }

        public ScrapeConfigArgs build() {
            return new ScrapeConfigArgs(this);
        }
    }
}
