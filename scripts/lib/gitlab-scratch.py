"""The scratch copy of .gitlab-ci.yml that scripts/pipeline-test runs with gitlab-ci-local's shell executor:
usage `python gitlab-scratch.py IN OUT`. Only what needs a runner image or the cloud goes: every `image:`, the
ID token, and the before_script of the templates that install packages and the Pulumi CLI and log in to
AWS/EKS (here the toolchain is on PATH and KUBECONFIG points at the throwaway API server). Every job's
`script:`, rules, needs, environments and variables stay as written. Needs ruamel.yaml (tools/workflow-check's venv).
"""
import sys

from ruamel.yaml import YAML

LOCAL = "echo 'scratch copy: runner image setup replaced by the local toolchain and the throwaway API server'"

src, dst = sys.argv[1:]
yaml = YAML()  # round trip: keeps GitLab's !reference tags
doc = yaml.load(open(src, encoding="utf-8"))
doc.get("default", {}).pop("image", None)
for name, job in doc.items():
    if isinstance(job, dict):
        job.pop("image", None)
        job.pop("id_tokens", None)
for template in (".pulumi-cli", ".toolchain", ".stack", ".notify"):
    if template not in doc:
        sys.exit(f"gitlab-scratch: {template} is not in {src}")
    doc[template]["before_script"] = [LOCAL]
yaml.dump(doc, open(dst, "w", encoding="utf-8"))
