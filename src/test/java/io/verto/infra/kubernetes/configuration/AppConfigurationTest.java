package io.verto.infra.kubernetes.configuration;

import io.verto.infra.testing.CapturingMonitor;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.ProgramRun;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.verto.infra.testing.ComponentAssertions.assertChildrenOf;
import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** AppConfiguration under Pulumi's mocks. */
class AppConfigurationTest {
    private static final ComponentResourceOptions NONE = ComponentResourceOptions.builder().build();

    @Test
    void appConfigurationKeepsSecretValuesSecret() {
        var run = ProgramRun.run("test", ctx -> new AppConfiguration("shop", AppConfigurationArgs.builder()
                .namespace(Output.of("shop"))
                .partOf("shop")
                .secretName("shop-secret")
                .configMap("shop-config", Map.of("MODE", "fast"))
                .secret("TOKEN", Output.of("plain-in-code"))
                .build(), NONE));
        run.result().throwOnError();
        assertEquals(Map.of("MODE", "fast"), at(run.one("kubernetes:core/v1:ConfigMap", "shop-shop-config").inputs(), "data"));
        var stringData = at(run.one("kubernetes:core/v1:Secret", "shop-secret").inputs(), "stringData");
        assertEquals(CapturingMonitor.SECRET_SIG, ((Map<?, ?>) stringData).get(CapturingMonitor.SIG_KEY),
                "even a plain Output handed in is sent as a Pulumi secret: " + stringData);
        assertChildrenOf(run, AppConfiguration.TYPE);
    }
}
