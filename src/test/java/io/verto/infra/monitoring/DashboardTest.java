package io.verto.infra.monitoring;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.monitoring.GrafanaDashboard.FieldDefaults;
import io.verto.infra.monitoring.GrafanaDashboard.GridPos;
import io.verto.infra.monitoring.GrafanaDashboard.Panel;
import io.verto.infra.monitoring.GrafanaDashboard.PanelType;
import io.verto.infra.monitoring.GrafanaDashboard.Target;
import io.verto.infra.testing.ProgramRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.verto.infra.testing.ComponentAssertions.assertChildrenOf;
import static io.verto.infra.testing.ProgramRun.at;
import static io.verto.infra.testing.SortedKeys.assertSortedJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dashboard under Pulumi's mocks. */
class DashboardTest {
    private static final GrafanaDashboard DASHBOARD = new GrafanaDashboard("Shop", "shop", List.of("shop"), List.of(
            new Panel(1, "Requests", PanelType.timeseries, List.of(new Target("A", "sum(rate(http_requests_total[5m]))", "{{job}}")),
                    new GridPos(0, 0, 24, 8), FieldDefaults.unit("reqps", 0.0, null))), "30s");

    @Test
    void aSidecarConfigMapWithTimeseriesPanelsADatasourceVariableAndUnits() {
        var run = ProgramRun.run("test", ctx -> new Dashboard("shop", DashboardArgs.builder().namespace(Output.of("shop")).partOf("shop")
                .dashboard(DASHBOARD).build(), ComponentResourceOptions.builder().build()));
        run.result().throwOnError();
        var config = run.one("kubernetes:core/v1:ConfigMap", "shop").inputs();
        assertEquals("1", at(config, "metadata.labels.grafana_dashboard"));
        String json = (String) ((java.util.Map<?, ?>) at(config, "data")).get(Dashboard.FILE);
        assertTrue(json.contains("\"type\" : \"timeseries\"") && !json.contains("\"graph\""), json);
        assertTrue(json.contains("\"uid\" : \"${datasource}\"") && json.contains("\"unit\" : \"reqps\""), json);
        assertSortedJson(json);
        assertChildrenOf(run, Dashboard.TYPE);
    }

    @Test
    void unknownUnitsAndPanelsOffTheGridAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FieldDefaults.unit("requests", null, null));
        assertThrows(IllegalArgumentException.class, () -> new GridPos(12, 0, 24, 8));
    }
}
