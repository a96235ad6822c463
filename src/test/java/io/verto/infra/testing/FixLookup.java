package io.verto.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verto.infra.config.RawStackConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Function;

/**
 * What a user finds when a fix says "look up X": the value the stack really has (its committed file with the
 * test stand-ins, {@link StackFiles#loadWithSecrets}), or for a key the stack does not use, a real-looking value of
 * the right kind. Tests pass it to {@link SuggestedFix#apply(RawStackConfig, io.verto.infra.config.Fix, Function)}.
 */
public final class FixLookup {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "731940265803";
    /** Values of keys no committed stack sets, as a user would look them up. */
    private static final Map<String, String> OTHERS = Map.ofEntries(
            Map.entry("verto:backup.bucketName", "verto-existing-backups"),
            Map.entry("verto:database.user", "verto"),
            Map.entry("verto:backup.dumpUser", "verto_backup"),
            Map.entry("verto:backup.restoreUser", "verto_restore"),
            Map.entry("verto:monitoring.mysqlExporterUser", "verto_exporter"),
            Map.entry("verto:backup.restoreVersion", "3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"),
            Map.entry("verto:database.port", "3306"),
            Map.entry("verto:redis.port", "6379"),
            Map.entry("verto:imageRegistry", "registry.gitlab.com/verto/platform"),
            Map.entry("verto:backup.roleArn", "arn:aws:iam::" + ACCOUNT + ":role/verto-backup"),
            Map.entry("verto:backup.oidcProvider", "arn:aws:iam::" + ACCOUNT + ":oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/5C1E7A"),
            Map.entry("verto:backup.kmsKeyArn", "arn:aws:kms:eu-central-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            Map.entry("verto:cdn.webAclArn", "arn:aws:wafv2:us-east-1:" + ACCOUNT + ":global/webacl/verto/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"),
            Map.entry("verto:registryUsername", "gitlab+deploy-token-4711"),
            Map.entry("verto:registryPassword", "deploy-token-value"),
            Map.entry("verto:kubeContext", "arn:aws:eks:eu-central-1:" + ACCOUNT + ":cluster/verto"));

    private FixLookup() { }

    /** Looks values up in the stack's own config. */
    public static Function<String, String> from(String stack) {
        RawStackConfig real = StackFiles.loadWithSecrets(stack);
        return key -> find(real, key);
    }

    private static String find(RawStackConfig real, String key) {
        if (key.equals("verto:environment")) {
            return real.values().getOrDefault(key, real.stack());
        }
        if (key.equals("verto:corsOrigin") && !real.values().containsKey(key)) {
            return "https://" + real.values().get("verto:domain");
        }
        String top = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
        String text = real.values().get(top);
        if (text != null && key.contains(".")) {
            try {
                JsonNode node = JSON.readTree(text);
                for (String part : key.substring(key.indexOf('.') + 1).split("\\.")) {
                    node = node.path(part);
                }
                if (!node.isMissingNode() && !node.isNull()) {
                    return node.isArray() ? String.join(",", node.findValuesAsText("")) : node.asText();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (text != null) {
            return text;
        }
        String other = OTHERS.get(key);
        if (other == null) {
            throw new AssertionError("no value to look up for " + key + " in stack " + real.stack());
        }
        return other;
    }
}
