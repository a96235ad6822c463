package io.verto.examples.notes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * One run of {@link NotesProgram} under Pulumi's mocks ({@code com.pulumi.test}), keeping every registration as
 * the engine would receive it: inputs in wire form, secrets still wrapped in Pulumi's secret marker.
 */
final class MockRun {
    /** Pulumi's wire marker for a special value; with {@link #SECRET_SIG} it marks a secret. */
    static final String SIG_KEY = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    /** The passwords the tests give the stack (the committed ones are encrypted): the service's, the backup's two users'. */
    static final String PASSWORD = "test-password-Zq81";
    static final String BACKUP_PASSWORD = "test-backup-password-Jx42";
    static final String RESTORE_PASSWORD = "test-restore-password-Wv07";
    /** The stack's secret keys, each with the password the tests give it. */
    static final Map<String, String> SECRETS = Map.of(
            "notes:databasePassword", PASSWORD,
            "notes:backupPassword", BACKUP_PASSWORD,
            "notes:restorePassword", RESTORE_PASSWORD);

    /** One registration: type token, name, inputs in wire form. */
    record Registration(String type, String name, Map<String, Object> inputs) {
        /** A nested input by a path such as {@code spec.template.spec.containers[0].image}. */
        Object at(String path) {
            return MockRun.at(inputs, path);
        }

        /** The value of {@code key} in the map at {@code path}: for keys with dots, such as labels and annotations. */
        Object key(String path, String key) {
            return at(path) instanceof Map<?, ?> map ? map.get(key) : null;
        }
    }

    final TestResult result;
    final List<Registration> registered;

    private MockRun(TestResult result, List<Registration> registered) {
        this.result = result;
        this.registered = registered;
    }

    /** The demo stack as committed, with {@link #SECRETS} as its secrets. */
    static MockRun demo() {
        Map<String, String> config = demoConfig();
        config.putAll(SECRETS);
        return run(config);
    }

    /** The plain settings of Pulumi.demo.yaml (its encrypted ones left out). */
    static Map<String, String> demoConfig() {
        Map<String, String> values = new LinkedHashMap<>();
        for (var entry : demoStack().properties()) {
            if (!entry.getValue().has("secure")) {
                values.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return values;
    }

    /** The keys Pulumi.demo.yaml holds encrypted. */
    static Set<String> demoSecretKeys() {
        Set<String> keys = new TreeSet<>();
        for (var entry : demoStack().properties()) {
            if (entry.getValue().has("secure")) {
                keys.add(entry.getKey());
            }
        }
        return keys;
    }

    private static JsonNode demoStack() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("Pulumi.demo.yaml").toFile()).path("config");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MockRun run(Map<String, String> config) {
        var mocks = new EchoMocks();
        var monitor = new RecordingMonitor(mocks, PulumiTestInternal.mockLog());
        // The engine's log goes to the test's result (exceptions(), errors()), not to the console.
        var quiet = Logger.getLogger(MockRun.class.getName());
        quiet.setUseParentHandlers(false);
        try {
            TestResult result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName("notes").stackName("demo").preview(false).build())
                    .config(config, SECRETS.keySet())
                    .mocks(mocks)
                    .standardLogger(quiet)
                    .monitorDecorator(ignored -> monitor)
                    .build()
                    .runTest(NotesProgram::define);
            return new MockRun(result, monitor.registrations);
        } finally {
            PulumiTest.cleanup();
        }
    }

    List<Registration> ofType(String type) {
        return registered.stream().filter(r -> r.type().equals(type)).toList();
    }

    Registration one(String type, String name) {
        List<Registration> found = registered.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " named " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    /** Registrations of Kubernetes objects (not the provider). */
    List<Registration> kubernetesObjects() {
        return registered.stream().filter(r -> r.type().startsWith("kubernetes:")).toList();
    }

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> inputs, String path) {
        Object current = inputs;
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            String key = bracket >= 0 ? part.substring(0, bracket) : part;
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
            if (bracket >= 0) {
                int index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
                current = current instanceof List<?> list && list.size() > index ? list.get(index) : null;
            }
        }
        return current;
    }

    /** Echoes every resource's inputs back as its state, as the Kubernetes provider does. */
    static final class EchoMocks implements Mocks {
        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), args.inputs));
        }
    }

    /** Pulumi's mock monitor, recording each registration as the SDK sends it. */
    static final class RecordingMonitor extends MockMonitor {
        final List<Registration> registrations = new CopyOnWriteArrayList<>();

        RecordingMonitor(Mocks mocks, Log log) {
            super(mocks, log);
        }

        @Override
        public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
            registrations.add(new Registration(request.getType(), request.getName(), toMap(request.getObject())));
            return super.registerResourceAsync(resource, request);
        }

        private static Map<String, Object> toMap(Struct struct) {
            Map<String, Object> map = new HashMap<>();
            struct.getFieldsMap().forEach((k, v) -> map.put(k, toJava(v)));
            return map;
        }

        private static Object toJava(Value value) {
            return switch (value.getKindCase()) {
                case NULL_VALUE, KIND_NOT_SET -> null;
                case NUMBER_VALUE -> value.getNumberValue() == Math.rint(value.getNumberValue())
                        ? (Object) (long) value.getNumberValue() : (Object) value.getNumberValue();
                case STRING_VALUE -> value.getStringValue();
                case BOOL_VALUE -> value.getBoolValue();
                case STRUCT_VALUE -> toMap(value.getStructValue());
                case LIST_VALUE -> {
                    List<Object> list = new ArrayList<>();
                    value.getListValue().getValuesList().forEach(v -> list.add(toJava(v)));
                    yield list;
                }
            };
        }
    }
}
