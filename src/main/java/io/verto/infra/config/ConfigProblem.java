package io.verto.infra.config;

/**
 * One thing wrong with a stack's configuration.
 *
 * @param key     the full config key, e.g. {@code verto:autoscaling.maxReplicas}
 * @param problem what is wrong, with the offending value where it is not secret
 * @param fix     what to do about it, usually a {@code pulumi config} command
 */
public record ConfigProblem(String key, String problem, String fix) {
    public String describe(String stack) {
        return "stack '" + stack + "', " + key + ": " + problem + ". Fix: " + fix;
    }
}
