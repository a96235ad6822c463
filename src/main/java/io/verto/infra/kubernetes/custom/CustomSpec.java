package io.verto.infra.kubernetes.custom;

import java.util.Map;

/**
 * The typed {@code spec} of a custom resource. Implementations are records for the parts of the CRD
 * this library uses; {@link #toValue()} turns them into the plain value the provider sends.
 */
public interface CustomSpec {
    /** The kind this spec belongs to. */
    CustomKind kind();

    /** The spec as plain maps, lists, strings, numbers and booleans, fields in the CRD's names. */
    Map<String, Object> toValue();
}
