package io.verto.infra.platform;

import io.verto.infra.config.ConfigProblem;
import io.verto.infra.config.RawStackConfig;
import io.verto.infra.config.Setting;
import io.verto.infra.config.StackConfigException;
import io.verto.infra.config.StackSettings;
import io.verto.infra.config.StackSettingsLoader;
import io.verto.infra.testing.FixLookup;
import io.verto.infra.testing.Mutations;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.testing.StackFiles;
import io.verto.infra.testing.SuggestedFix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The property behind README's "what a fix may and may not do", over every setting of the generated reference:
 * each generated mutation of a setting (typos at each depth, the wrong shape, out-of-range values, missing units,
 * placeholders, stray spaces, plain-text secrets) is caught with a problem naming that key, and following every fix
 * literally (looked-up values as the user would find them) gives a config that validates and keeps the stack's
 * environment, protection and resource set, compared with the stack before the mutation. Prints the tally.
 */
class ConfigMutationTest {
    private static final List<String> STACKS = List.of("staging", "production");

    @Test
    void everyMutationOfEverySettingIsCaughtAndEveryFixHolds() {
        List<Setting> settings = StackSettingsLoader.settings(VertoApplication.catalogue().sizes());
        Map<String, Integer> tally = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, Outcome> programs = new HashMap<>();
        Set<String> skipped = new java.util.TreeSet<>();
        for (String stack : STACKS) {
            RawStackConfig base = StackFiles.loadWithSecrets(stack);
            var lookup = FixLookup.from(stack);
            for (Setting setting : settings) {
                var unmutated = Mutations.withSetting(base, setting, lookup, ConfigMutationTest::validates);
                if (unmutated.isEmpty()) {
                    skipped.add(stack + " " + setting.key());
                    continue;
                }
                Outcome expected = programs.computeIfAbsent(Mutations.normalized(unmutated.get()).toString(), k -> Outcome.of(unmutated.get()));
                for (Mutations.Mutation m : Mutations.of(unmutated.get(), setting)) {
                    tally.merge("mutations", 1, Integer::sum);
                    String label = stack + " " + setting.key() + " [" + m.kind() + "] " + m.description();
                    StackConfigException caught;
                    try {
                        load(m.config());
                        failures.add(label + ": accepted");
                        continue;
                    } catch (StackConfigException e) {
                        caught = e;
                    }
                    if (caught.problems().stream().noneMatch(p -> m.names(p.key(), p.problem()))) {
                        failures.add(label + ": no problem names " + setting.key() + ":\n" + caught.getMessage());
                        continue;
                    }
                    tally.merge("caught", 1, Integer::sum);
                    RawStackConfig fixed = m.config();
                    try {
                        for (ConfigProblem p : caught.problems()) {
                            fixed = SuggestedFix.apply(fixed, p.fix(), lookup);
                        }
                        load(fixed);
                    } catch (StackConfigException | AssertionError e) {
                        failures.add(label + ": following the fixes (" + caught.problems().stream().map(p -> p.fix().text())
                                .collect(Collectors.joining(" / ")) + ") does not validate: " + e.getMessage());
                        continue;
                    }
                    // The program is deterministic: a fixed config equal to the unmutated one needs no second run.
                    RawStackConfig done = fixed;
                    Outcome after = Mutations.normalized(done).equals(Mutations.normalized(unmutated.get())) ? expected
                            : programs.computeIfAbsent(Mutations.normalized(done).toString(), k -> Outcome.of(done));
                    if (m.lossy() ? !after.keeps(expected) : !after.equals(expected)) {
                        failures.add(label + ": following the fixes changed the stack: " + expected.diff(after));
                        continue;
                    }
                    tally.merge("fixes followed, invariants held", 1, Integer::sum);
                }
            }
        }
        System.out.println("config mutations: " + tally + "; settings a stack cannot hold alone: " + skipped);
        failures.forEach(f -> System.out.println("MUTATION FAILURE " + f.replace("\n", " | ")));
        assertEquals(List.of(), failures.stream().limit(25).toList(), failures.size() + " failures");
        assertTrue(tally.getOrDefault("mutations", 0) > 500, "too few mutations generated: " + tally);
        assertEquals(tally.get("mutations"), tally.get("fixes followed, invariants held"));
        // Staging has no CDN and does not autoscale: a CDN field or an autoscaling bound alone is not a valid stack.
        assertEquals(SKIPPED, skipped);
    }

    private static final Set<String> SKIPPED = Set.of("staging autoscaling.enabled", "staging autoscaling.maxReplicas",
            "staging autoscaling.minReplicas", "staging autoscaling.targetCPUUtilization", "staging autoscaling.targetMemoryUtilization",
            "staging cdn.aliases", "staging cdn.certificateArn", "staging cdn.enabled", "staging cdn.originDomain", "staging cdn.priceClass",
            "staging cdn.webAclArn");

    private static boolean validates(RawStackConfig raw) {
        try {
            load(raw);
            return true;
        } catch (StackConfigException e) {
            return false;
        }
    }

    private static StackSettings load(RawStackConfig raw) {
        return StackSettingsLoader.load(raw, VertoApplication.catalogue().sizes());
    }

    /**
     * What a stack is, for the invariants: its environment, the resources it registers (type and name), and which of
     * them are protected.
     *
     * @param environment the stack's environment
     * @param resources   every registered resource's type and name
     * @param protect     the protected ones
     */
    record Outcome(String environment, Set<String> resources, Set<String> protect) {
        static Outcome of(RawStackConfig config) {
            var run = ProgramRun.verto(config);
            run.result().throwOnError();
            return new Outcome(load(config).environment().id(),
                    run.registered().stream().map(r -> r.type() + "/" + r.name()).collect(Collectors.toSet()),
                    run.registered().stream().filter(r -> r.protect()).map(r -> r.type() + "/" + r.name()).collect(Collectors.toSet()));
        }

        /** The same environment and protection (for mutations that erased settings no fix can restore). */
        boolean keeps(Outcome other) {
            return environment.equals(other.environment) && protect.equals(other.protect);
        }

        String diff(Outcome other) {
            Set<String> gone = new java.util.TreeSet<>(resources);
            gone.removeAll(other.resources);
            Set<String> added = new java.util.TreeSet<>(other.resources);
            added.removeAll(resources);
            return "environment " + environment + " -> " + other.environment + ", resources gone " + gone + ", added " + added
                    + ", protected " + protect + " -> " + other.protect;
        }
    }
}
