// The pod rules, in the order the pack lists them.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { noPlaintextCredentials } from "./credentials";
import { noHostNamespaces, noHostPath, noHostPorts, noHostProcess, noProcMount } from "./host";
import { allowedRegistries, pinnedImages } from "./images";
import { restrictAppArmor, restrictSeLinux, restrictSysctls, restrictVolumeTypes } from "./isolation";
import { probes, requestsAndLimits } from "./resources";
import { dropAllCapabilities, noPrivilegeEscalation, noPrivileged, readOnlyRootFilesystem, runAsNonRoot, seccompProfile } from "./security";

export const podPolicies: ResourceValidationPolicy[] = [
    runAsNonRoot,
    noPrivilegeEscalation,
    dropAllCapabilities,
    readOnlyRootFilesystem,
    seccompProfile,
    noHostNamespaces,
    noHostPath,
    noPrivileged,
    noHostPorts,
    noHostProcess,
    noProcMount,
    restrictSeLinux,
    restrictAppArmor,
    restrictSysctls,
    restrictVolumeTypes,
    requestsAndLimits,
    probes,
    pinnedImages,
    allowedRegistries,
    noPlaintextCredentials,
];

export * from "./credentials";
export * from "./host";
export * from "./images";
export * from "./isolation";
export * from "./resources";
export * from "./security";
