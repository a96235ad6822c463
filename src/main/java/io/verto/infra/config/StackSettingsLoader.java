package io.verto.infra.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns a stack's raw Pulumi config into {@link StackSettings}, or throws a {@link StackConfigException}
 * that lists every problem at once, each with the key and the fix. Each section reads its own
 * settings; {@link #settings} is all of them for the application's services, which is what the
 * unknown-key check and the README's settings reference ({@link SettingsReference}) use.
 */
public final class StackSettingsLoader {
    public static final String NAMESPACE = "verto";

    static final Setting ENVIRONMENT = Setting.optional("environment", "testing", "the stack name",
            "which design environment the stack is: " + Arrays.stream(Environment.values()).map(Environment::id).toList());

    private StackSettingsLoader() { }

    /** Every setting of a stack whose application has these services, by section, in the order the reference lists them. */
    public static List<Setting> settings(List<ServiceSize> services) {
        List<Setting> all = new ArrayList<>();
        all.add(ENVIRONMENT);
        all.addAll(KubernetesSettings.SETTINGS);
        all.addAll(ApplicationSettings.SETTINGS);
        all.addAll(WorkloadSettings.settings(services));
        all.addAll(MonitoringSettings.SETTINGS);
        all.addAll(AwsSettings.SETTINGS);
        all.addAll(BackupSettings.SETTINGS);
        all.addAll(CdnSettings.SETTINGS);
        return List.copyOf(all);
    }

    /** The stack's settings for an application with these services (their sizes come from its catalogue). */
    public static StackSettings load(RawStackConfig raw, List<ServiceSize> services) {
        ConfigReader r = new ConfigReader(raw, NAMESPACE, settings(services));
        Optional<Environment> environment = environment(r);
        Optional<KubernetesSettings> kubernetes = KubernetesSettings.read(r, environment, CdnSettings.requested(r));
        Optional<ApplicationSettings> application = ApplicationSettings.read(r, environment);
        Optional<WorkloadSettings> workloads = WorkloadSettings.read(r, services);
        Optional<MonitoringSettings> monitoring = MonitoringSettings.read(r, workloads.map(WorkloadSettings::scaling), environment);
        Optional<BackupSettings> backup = BackupSettings.read(r, environment);
        Optional<CdnSettings> cdn = CdnSettings.read(r, environment, application.map(ApplicationSettings::domain));
        Optional<AwsSettings> aws = AwsSettings.read(r, backup.isPresent() || cdn.isPresent());
        r.reportUnknownKeys();
        if (!r.problems().isEmpty()) {
            throw new StackConfigException(raw.stack(), r.problems());
        }
        return new StackSettings(raw.stack(), environment.orElseThrow(), kubernetes.orElseThrow(),
                application.orElseThrow(), workloads.orElseThrow(), monitoring.orElseThrow(), aws, backup, cdn);
    }

    private static Optional<Environment> environment(ConfigReader r) {
        Optional<String> configured = r.text(ENVIRONMENT);
        String id = configured.orElse(r.stack());
        Optional<Environment> environment = Environment.fromId(id);
        if (environment.isEmpty()) {
            List<String> ids = Arrays.stream(Environment.values()).map(Environment::id).toList();
            r.problem(ENVIRONMENT, configured.isPresent()
                            ? "'" + id + "' is not an environment; use one of " + ids
                            : "is not set, and the stack name '" + id + "' is not one of " + ids,
                    r.setCommand(ENVIRONMENT, likelyEnvironment(configured.orElse(""), r.stack()).id()));
        }
        return environment;
    }

    /**
     * The environment a stack most likely means, for the suggested fix: the one its name or its value
     * starts like ({@code prod}, {@code production-eu}), else the one the stack name is closest to. Never a
     * guess that would quietly weaken a production-like stack.
     */
    static Environment likelyEnvironment(String configured, String stack) {
        for (String text : List.of(configured, stack)) {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            for (Environment e : Environment.values()) {
                if (lower.length() >= 3 && (e.id().startsWith(lower.substring(0, Math.min(4, lower.length()))) || lower.startsWith(e.id()))) {
                    return e;
                }
            }
        }
        return Arrays.stream(Environment.values())
                .min(java.util.Comparator.comparingInt(e -> ConfigReader.distance(e.id(), stack.toLowerCase(java.util.Locale.ROOT))))
                .orElseThrow();
    }
}
