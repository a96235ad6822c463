package io.verto.infra.testing;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.verto.infra.config.RawStackConfig;
import io.verto.infra.platform.VertoProgram;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** One run of a Pulumi program under Pulumi's mocks, keeping every registration as the engine would see it. */
public final class ProgramRun {
    private final TestResult result;
    private final CapturingMonitor monitor;

    private ProgramRun(TestResult result, CapturingMonitor monitor) {
        this.result = result;
        this.monitor = monitor;
    }

    /** Runs the real Verto program for a stack. */
    public static ProgramRun verto(RawStackConfig config) {
        return run(config.stack(), ctx -> VertoProgram.define(ctx, config));
    }

    public static ProgramRun run(String stack, Consumer<Context> program) {
        var mocks = new EchoMocks();
        var log = PulumiTestInternal.mockLog();
        var monitor = new CapturingMonitor(mocks, log);
        try {
            TestResult result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName("verto").stackName(stack).preview(false).build())
                    .mocks(mocks)
                    .monitorDecorator(ignored -> monitor)
                    .build()
                    .runTest(program);
            return new ProgramRun(result, monitor);
        } finally {
            PulumiTest.cleanup();
        }
    }

    public TestResult result() {
        return result;
    }

    public List<CapturingMonitor.Registration> registered() {
        return monitor.registrations();
    }

    public List<CapturingMonitor.Registration> ofType(String type) {
        return registered().stream().filter(r -> r.type().equals(type)).toList();
    }

    public CapturingMonitor.Registration one(String type, String name) {
        List<CapturingMonitor.Registration> found = registered().stream()
                .filter(r -> r.type().equals(type) && r.name().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " named " + name + ", found " + found.size() + " among "
                    + registered().stream().map(r -> r.type() + "/" + r.name()).collect(Collectors.joining(", ")));
        }
        return found.get(0);
    }

    /** Resources of a Java class (e.g. Deployment.class) as the program built them. */
    public <T extends Resource> List<T> resources(Class<T> type) {
        return result.resources().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T> T output(String name, Class<T> type) {
        return PulumiTest.extractValue(result.output(name, type));
    }

    public static <T> T value(Output<T> output) {
        return PulumiTest.extractValue(output);
    }

    /** Reads a nested value from wire-form inputs by a path like {@code spec.template.spec.containers[0].image}. */
    @SuppressWarnings("unchecked")
    public static Object at(Map<String, Object> inputs, String path) {
        Object current = inputs;
        for (String part : path.split("\\.")) {
            String key = part;
            Integer index = null;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                key = part.substring(0, bracket);
                index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
            }
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
            if (index != null) {
                current = current instanceof List<?> list && list.size() > index ? list.get(index) : null;
            }
        }
        return current;
    }
}
