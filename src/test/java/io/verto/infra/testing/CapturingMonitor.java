package io.verto.infra.testing;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pulumi's mock monitor, but keeping each registration exactly as the SDK sends it to the engine:
 * inputs in wire form with secret values still wrapped in Pulumi's secret sentinel, and the parent
 * URN. That is what the engine (and a policy pack) would see.
 */
public final class CapturingMonitor extends MockMonitor {
    /** Pulumi's wire marker for a special value; with {@link #SECRET_SIG} it marks a secret. */
    public static final String SIG_KEY = "4dabf18193072939515e22adb298388d";
    public static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

    /**
     * One registration as the engine receives it.
     *
     * @param type      resource type token
     * @param name      resource name
     * @param parentUrn the parent's URN, empty for the stack's direct children
     * @param inputs    inputs in wire form, secrets as sentinel maps
     * @param protect   whether Pulumi refuses to delete it
     * @param retainOnDelete whether a destroy leaves it in the cloud
     * @param dependencies   URNs of the resources it waits for: those its inputs come from, and its {@code dependsOn}
     */
    public record Registration(String type, String name, String parentUrn, Map<String, Object> inputs, boolean protect,
                               boolean retainOnDelete, List<String> dependencies) {
        /** The URN the engine gives it: the parent's type chain, this type, this name. */
        public String urn(String stack, String project) {
            String prefix = "urn:pulumi:" + stack + "::" + project + "::";
            if (parentUrn.isEmpty()) {
                return prefix + type + "::" + name;
            }
            String parentTypes = parentUrn.substring(prefix.length(), parentUrn.lastIndexOf("::"));
            return prefix + parentTypes + "$" + type + "::" + name;
        }
    }

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    public CapturingMonitor(Mocks mocks, Log log) {
        super(mocks, log);
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        registrations.add(new Registration(request.getType(), request.getName(), request.getParent(), toMap(request.getObject()),
                request.getProtect(), request.getRetainOnDelete(), List.copyOf(request.getDependenciesList())));
        return super.registerResourceAsync(resource, request);
    }

    public List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    static Map<String, Object> toMap(Struct struct) {
        Map<String, Object> map = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((k, v) -> map.put(k, toJava(v)));
        return map;
    }

    private static Object toJava(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case NUMBER_VALUE -> {
                double d = value.getNumberValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
            }
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case STRUCT_VALUE -> toMap(value.getStructValue());
            case LIST_VALUE -> toList(value.getListValue());
        };
    }

    private static List<Object> toList(ListValue list) {
        List<Object> out = new ArrayList<>();
        list.getValuesList().forEach(v -> out.add(toJava(v)));
        return out;
    }
}
