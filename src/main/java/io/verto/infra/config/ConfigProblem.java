package io.verto.infra.config;

/**
 * One thing wrong with a stack's configuration.
 *
 * @param key     the full config key, e.g. {@code verto:autoscaling.maxReplicas}
 * @param problem what is wrong, with the offending value where it is not secret
 * @param fix     what to do about it (see {@link Fix} for what a fix may and may not do)
 */
public record ConfigProblem(String key, String problem, Fix fix) {
    public String describe(String stack) {
        return "stack '" + stack + "', " + key + ": " + problem + ". Fix: " + fix.text();
    }
}
