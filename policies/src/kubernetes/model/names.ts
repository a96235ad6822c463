// Names and namespaces of Kubernetes objects, as the provider resolves them.

import { UNKNOWN, nonEmptyString, peek, peekPath } from "../../common/util";

/**
 * A Kubernetes object's name: `metadata.name` when set and known, else the Pulumi resource name (autonamed
 * objects get `<resource name>-<suffix>` from the provider, which the program cannot know at preview time).
 */
export function k8sName(props: any, resourceName: string): string {
    const n = peekPath(props, ["metadata", "name"]);
    return nonEmptyString(n) ? n : resourceName;
}

/**
 * A namespaced Kubernetes object's namespace: `metadata.namespace`, else the namespace configured on its
 * provider, else "default". Returns {@link UNKNOWN} when the namespace is not known yet (preview).
 */
export function k8sNamespace(props: any, provider?: { props: any }): string | typeof UNKNOWN {
    const ns = peekPath(props, ["metadata", "namespace"]);
    if (ns === UNKNOWN) {
        return UNKNOWN;
    }
    if (nonEmptyString(ns)) {
        return ns;
    }
    const providerNs = provider ? peek(provider.props, "namespace") : undefined;
    if (providerNs === UNKNOWN) {
        return UNKNOWN;
    }
    return nonEmptyString(providerNs) ? providerNs : "default";
}
