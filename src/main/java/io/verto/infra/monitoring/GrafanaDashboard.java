package io.verto.infra.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Grafana dashboard as typed values, for the parts Verto's uses (design 6.3): panels of current types,
 * Prometheus queries through a datasource variable, units. Serialised as Grafana's JSON model.
 *
 * @param title   dashboard title
 * @param uid     stable id, so links survive re-imports
 * @param tags    tags
 * @param panels  panels, in order
 * @param refresh auto-refresh interval
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrafanaDashboard(String title, String uid, List<String> tags, List<Panel> panels, String refresh) {
    /** The datasource variable every query goes through. */
    public static final String DATASOURCE_VARIABLE = "datasource";

    public GrafanaDashboard {
        panels = List.copyOf(panels);
    }

    @JsonProperty("schemaVersion")
    public int schemaVersion() { return 39; }

    @JsonProperty("timezone")
    public String timezone() { return "browser"; }

    @JsonProperty("time")
    public Map<String, String> time() { return Map.of("from", "now-1h", "to", "now"); }

    @JsonProperty("templating")
    public Map<String, Object> templating() {
        return Map.of("list", List.of(Map.of("name", DATASOURCE_VARIABLE, "label", "Prometheus", "type", "datasource",
                "query", "prometheus")));
    }

    /** Panel types Grafana still ships ({@code graph} was removed in Grafana 11; {@code timeseries} replaces it). */
    public enum PanelType {
        stat, timeseries, gauge, table
    }

    /** Where a panel sits on the 24-column grid. */
    public record GridPos(int x, int y, int w, int h) {
        public GridPos {
            if (x < 0 || w < 1 || x + w > 24 || h < 1 || y < 0) {
                throw new IllegalArgumentException("panel position outside the 24-column grid: " + x + "," + y + " " + w + "x" + h);
            }
        }
    }

    /** One Prometheus query of a panel. */
    public record Target(String refId, String expr, String legendFormat) {
        @JsonProperty("datasource")
        public Map<String, String> datasource() { return Datasource.VARIABLE; }
    }

    /** A panel's datasource: the dashboard's variable. */
    static final class Datasource {
        static final Map<String, String> VARIABLE = Map.of("type", "prometheus", "uid", "${" + DATASOURCE_VARIABLE + "}");
    }

    /** A value mapping of a stat panel: value to text and colour. */
    public record ValueText(String value, String text, String color) { }

    /**
     * Unit, range and value mappings of a panel's fields.
     *
     * @param unit     a Grafana unit id: {@code reqps}, {@code s}, {@code percentunit}, {@code percent}, {@code none}
     * @param min      the axis minimum, or null
     * @param max      the axis maximum, or null
     * @param mappings value mappings (stat panels)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldDefaults(String unit, Double min, Double max, @JsonProperty("mappings") List<Map<String, Object>> mappings) {
        private static final Set<String> UNITS = Set.of("reqps", "s", "percentunit", "percent", "none", "short");

        public FieldDefaults {
            Objects.requireNonNull(unit, "unit");
            if (!UNITS.contains(unit)) {
                throw new IllegalArgumentException("unknown Grafana unit '" + unit + "'; use one of " + UNITS);
            }
        }

        public static FieldDefaults unit(String unit, Double min, Double max) {
            return new FieldDefaults(unit, min, max, null);
        }

        public static FieldDefaults mapped(List<ValueText> values) {
            Map<String, Object> options = new java.util.LinkedHashMap<>();
            values.forEach(v -> options.put(v.value(), Map.of("text", v.text(), "color", v.color())));
            return new FieldDefaults("none", null, null, List.of(Map.of("type", "value", "options", options)));
        }
    }

    /** A panel: its queries, type, units and place. */
    public record Panel(int id, String title, PanelType type, List<Target> targets, GridPos gridPos,
                        @JsonProperty("fieldConfig") Map<String, Object> fieldConfig) {
        public Panel(int id, String title, PanelType type, List<Target> targets, GridPos gridPos, FieldDefaults defaults) {
            this(id, title, type, targets, gridPos, Map.of("defaults", defaults, "overrides", List.of()));
        }

        public Panel {
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("panel '" + title + "' has no query");
            }
            targets = List.copyOf(targets);
        }

        @JsonProperty("datasource")
        public Map<String, String> datasource() { return Datasource.VARIABLE; }
    }
}
