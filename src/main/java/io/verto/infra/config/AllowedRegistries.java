package io.verto.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The image registries a stack may pull from, as the policy pack's config for that stack states them
 * ({@code policies/config/<stack>.json}, rule {@code k8s-image-registry-allowed}, bundled in the jar as
 * {@code policy-config/}): one list, read by the pack and by validation, so a registry the pack would refuse is
 * refused first as a setting with a fix. Entries match the way the pack matches them: a bare host allows the
 * registry, a path allows the repositories under it.
 */
final class AllowedRegistries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "k8s-image-registry-allowed";

    private AllowedRegistries() { }

    /** The stack's list (or its environment's, for a stack without a pack config of its own); empty without either. */
    static Optional<List<String>> of(String stack, Optional<Environment> environment) {
        return read(stack).or(() -> environment.flatMap(e -> read(e.id())));
    }

    private static Optional<List<String>> read(String name) {
        try (InputStream in = AllowedRegistries.class.getResourceAsStream("/policy-config/" + name + ".json")) {
            if (in == null) {
                return Optional.empty();
            }
            JsonNode list = JSON.readTree(in).path(RULE).path("allowedRegistries");
            List<String> entries = new ArrayList<>();
            list.forEach(e -> entries.add(e.asText()));
            return list.isArray() ? Optional.of(List.copyOf(entries)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when images under {@code registryPath} (e.g. {@code registry.gitlab.com/verto/platform}) are allowed. */
    static boolean allows(List<String> entries, String registryPath) {
        String repository = repository(registryPath + "/image");
        for (String entry : entries) {
            String e = entry.strip().replaceAll("/+$", "");
            boolean host = !e.contains("/") && (e.contains(".") || e.contains(":") || e.equals("localhost"));
            if (host ? repository.startsWith(e.toLowerCase() + "/") : repository.equals(repository(e)) || repository.startsWith(repository(e) + "/")) {
                return true;
            }
        }
        return false;
    }

    /** A repository with its registry spelled out, as Docker resolves it: {@code mariadb} is {@code docker.io/library/mariadb}. */
    private static String repository(String reference) {
        String first = reference.split("/")[0];
        boolean domain = reference.contains("/") && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        String path = domain ? reference.substring(first.length() + 1) : reference;
        String registry = domain ? first : "docker.io";
        if (registry.equals("docker.io") && !path.contains("/")) {
            path = "library/" + path;
        }
        return registry + "/" + path;
    }
}
