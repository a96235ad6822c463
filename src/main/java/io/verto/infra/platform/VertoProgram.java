package io.verto.infra.platform;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import io.verto.infra.config.RawStackConfig;
import io.verto.infra.config.StackSettings;
import io.verto.infra.config.StackSettingsLoader;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Verto Pulumi program: validates the stack's config, then registers the platform. Run by the
 * Pulumi CLI ({@code pulumi preview}, {@code pulumi up}); see README.md.
 */
public final class VertoProgram {
    private VertoProgram() { }

    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            silenceSdkConsoleLog();
            define(ctx, RawStackConfig.fromEngineEnvironment(ctx.stackName(), System.getenv()));
        });
    }

    /**
     * The SDK sends every error to the engine and also prints it to stderr through java.util.logging,
     * which the CLI then shows a second time under the error. The engine's copy is the one users read, so
     * the console copy is switched off (by now the SDK has set up its logging), unless
     * PULUMI_JAVA_LOG_VERBOSE asks for the SDK's own logs.
     */
    private static void silenceSdkConsoleLog() {
        if (!"true".equalsIgnoreCase(System.getenv("PULUMI_JAVA_LOG_VERBOSE"))) {
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                handler.setLevel(Level.OFF);
            }
        }
    }

    /** Defines every resource of a Verto stack ({@link VertoApplication#catalogue}) from its raw config. */
    public static VertoPlatform define(Context ctx, RawStackConfig config) {
        return define(ctx, config, VertoApplication.catalogue());
    }

    /**
     * Defines every resource of the stack for an application with these services. Validation of the settings
     * runs first and throws (registering nothing) when anything is wrong; then the plan is made, and wired.
     */
    public static VertoPlatform define(Context ctx, RawStackConfig config, ServiceCatalogue catalogue) {
        StackSettings settings = StackSettingsLoader.load(config, catalogue.sizes());
        StackPlan plan = StackPlan.of(settings, catalogue);
        // Overrides of the stack's own rules are shown by every preview and update, so they are never silent.
        settings.notices().forEach(notice -> ctx.log().warn(notice));

        // A render directory wins over a context: the provider then writes YAML and never contacts a cluster.
        var providerArgs = ProviderArgs.builder();
        settings.kubernetes().renderDirectory().ifPresentOrElse(providerArgs::renderYamlToDirectory,
                () -> settings.kubernetes().context().ifPresent(providerArgs::context));
        var provider = new Provider("kubernetes", providerArgs.build());

        // An AWS provider only for stacks that create AWS resources: development (and a stack that only names
        // existing AWS pieces) never needs AWS credentials.
        List<ProviderResource> providers = new ArrayList<>(List.of(provider));
        if (settings.createsAwsResources()) {
            providers.add(new com.pulumi.aws.Provider("aws", com.pulumi.aws.ProviderArgs.builder()
                    .region(settings.aws().orElseThrow().region())
                    .build()));
        }
        var platform = new VertoPlatform("verto", VertoPlatformArgs.builder().plan(plan).build(),
                ComponentResourceOptions.builder().providers(providers).build());
        platform.outputs().forEach(ctx::export);
        return platform;
    }
}
