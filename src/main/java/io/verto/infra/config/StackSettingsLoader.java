package io.verto.infra.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a stack's raw Pulumi config into {@link StackSettings}, or throws a {@link StackConfigException} that
 * lists every problem at once (cross-section ones included, whatever else is wrong), each with the key and the
 * {@link Fix}. Each section reads its own settings; {@link #settings} is all of them for the application's
 * services, which is what the unknown-key check and the README's settings reference ({@link SettingsReference})
 * use.
 */
public final class StackSettingsLoader {
    public static final String NAMESPACE = "verto";

    private static final List<String> IDS = Arrays.stream(Environment.values()).map(Environment::id).toList();

    static final Setting ENVIRONMENT = Setting.of("environment", Kind.CHOICE)
            .defaultsTo("the stack name", c -> c.stack()).example("testing")
            .describe("which design environment the stack is: " + IDS + "; a stack named after one is that one unless "
                    + "`environmentOverride` says why not");
    static final Setting ENVIRONMENT_OVERRIDE = Setting.of("environmentOverride", Kind.TEXT)
            .noneMeans("a stack named after an environment is that environment").example("rehearsal of the production cut-over")
            .describe("why a stack named after one design environment runs as another (`environment`); every preview and update prints it");
    static final Setting TEST_ONLY = Setting.of("testOnly", Kind.TEXT)
            .noneMeans("staging and production apply to their cluster and wait for it").example("apply test: API server without nodes")
            .describe("why a staging or production stack may set `renderDirectory` or `skipAwait` (test harnesses only); every "
                    + "preview and update prints it");

    private StackSettingsLoader() { }

    /** Every setting of a stack whose application has these services, by section, in the order the reference lists them. */
    public static List<Setting> settings(List<ServiceSize> services) {
        List<Setting> all = new ArrayList<>(List.of(ENVIRONMENT, ENVIRONMENT_OVERRIDE, TEST_ONLY));
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
        List<String> notices = new ArrayList<>();
        Optional<Environment> environment = environment(r, notices);
        r.environment(environment);
        Optional<String> testOnly = r.read(TEST_ONLY, String::strip);
        testOnly.ifPresent(reason -> notices.add("stack '" + raw.stack() + "' is marked testOnly (" + reason
                + "): it may render to a directory or skip awaits, which no real staging or production stack does"));
        boolean withCdn = CdnSettings.requested(r);
        r.cdn(withCdn);
        Optional<KubernetesSettings> kubernetes = KubernetesSettings.read(r, environment, testOnly.isPresent(), withCdn);
        Optional<ApplicationSettings> application = ApplicationSettings.read(r, environment);
        Optional<WorkloadSettings> workloads = WorkloadSettings.read(r, services, environment);
        Optional<MonitoringSettings> monitoring = MonitoringSettings.read(r, WorkloadSettings.autoscales(r));
        Optional<BackupSettings> backup = BackupSettings.read(r, environment, application.map(a -> a.database().name()));
        Optional<CdnSettings> cdn = CdnSettings.read(r, environment, application.map(ApplicationSettings::domain));
        Optional<AwsSettings> aws = AwsSettings.read(r, backup.isPresent() || cdn.isPresent());
        AwsSettings.checkRegions(r, aws, backup);
        r.reportUnknownKeys();
        if (!r.problems().isEmpty()) {
            throw new StackConfigException(raw.stack(), r.problems());
        }
        return new StackSettings(raw.stack(), environment.orElseThrow(), kubernetes.orElseThrow(),
                application.orElseThrow(), workloads.orElseThrow(), monitoring.orElseThrow(), aws, backup, cdn, notices);
    }

    /**
     * The stack's environment: the one it is named after, or the one {@code environment} names. A stack named after
     * one environment that claims another needs {@code environmentOverride} (printed as a notice): otherwise a
     * production stack could drop its protection with one line. When the environment setting is wrong, the stack's
     * name still decides, so no other problem is judged by a weaker environment.
     */
    private static Optional<Environment> environment(ConfigReader r, List<String> notices) {
        Optional<Environment> byName = Environment.fromId(r.stack());
        Optional<String> text = r.text(ENVIRONMENT);
        Optional<String> override = r.read(ENVIRONMENT_OVERRIDE, String::strip);
        // An override given in a wrong form still says the user means it: its own problem covers it.
        boolean overrideGiven = override.isPresent() || r.text(ENVIRONMENT_OVERRIDE).isPresent() || r.misspelt(ENVIRONMENT_OVERRIDE);
        if (text.isEmpty()) {
            if (byName.isEmpty()) {
                r.problem(ENVIRONMENT, "is not set, and the stack name '" + r.stack() + "' is not one of " + IDS, likely(r));
            }
            if (overrideGiven) {
                r.problem(ENVIRONMENT_OVERRIDE, "overrides nothing: the stack runs as the environment it is named after", r.rm(ENVIRONMENT_OVERRIDE));
            }
            return byName;
        }
        Optional<Environment> configured = Environment.fromId(text.get());
        if (!text.get().equals(text.get().strip()) && Environment.fromId(text.get().strip()).isPresent()) {
            r.problem(ENVIRONMENT, "'" + text.get() + "' has a stray space", byName.isPresent() ? r.rm(ENVIRONMENT) : r.set(ENVIRONMENT, text.get().strip()));
            return byName.or(() -> Environment.fromId(text.get().strip()));
        }
        if (configured.isEmpty()) {
            r.problem(ENVIRONMENT, "'" + text.get() + "' is not an environment; use one of " + IDS,
                    byName.isPresent() ? r.rm(ENVIRONMENT) : likely(r));
            return byName;
        }
        if (byName.isPresent() && byName.get() != configured.get()) {
            if (override.isEmpty() && overrideGiven) {
                return configured;   // the override's own problem (a typo renamed, a stray space trimmed) covers it
            }
            if (override.isEmpty()) {
                r.problem(ENVIRONMENT, "the stack '" + r.stack() + "' is named after " + byName.get().id() + " but claims "
                        + configured.get().id() + ", which would judge it by " + configured.get().id() + "'s rules (protection, "
                        + "placeholders, autoscaling); a stack keeps the environment it is named after", r.rm(ENVIRONMENT));
                return byName;
            }
            notices.add("stack '" + r.stack() + "' runs as environment " + configured.get().id() + ", not " + byName.get().id()
                    + " (verto:environmentOverride: " + override.get() + ")");
        } else if (overrideGiven) {
            r.problem(ENVIRONMENT_OVERRIDE, "overrides nothing: the stack runs as the environment it is named after", r.rm(ENVIRONMENT_OVERRIDE));
        }
        return configured;
    }

    /**
     * The fix for a stack that names no environment: the one its name starts like ({@code production-eu}), never
     * a guess that would weaken a production-like stack; otherwise the user decides.
     */
    private static Fix likely(ConfigReader r) {
        String lower = r.stack().toLowerCase(Locale.ROOT);
        Set<Environment> matches = Arrays.stream(Environment.values())
                .filter(e -> lower.startsWith(e.id()) || (lower.length() >= 4 && e.id().startsWith(lower.substring(0, 4))))
                .collect(Collectors.toSet());
        if (matches.size() == 1) {
            return r.set(ENVIRONMENT, matches.iterator().next().id());
        }
        return Fix.find("which design environment the stack is, one of " + IDS, "the README's Stacks table",
                r.commands().set(r.key(ENVIRONMENT), Fix.VALUE));
    }
}
